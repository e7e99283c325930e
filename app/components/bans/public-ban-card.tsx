import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

export interface PublicBanCardData {
  banId: string;
  subjectKind: "ORGANISATION" | "PERSON";
  organisationName: string | null;
  creditCode: string | null;
  personName: string | null;
  reason: string;
  programmeTitle: string | null;
  decidedAt: string | Date;
  endsAt: string | Date;
  liftedAt: string | Date | null;
  status: "ACTIVE" | "ENDED" | "LIFTED";
}

const STATUS_STYLE = {
  ACTIVE: "bg-red-100 text-red-800",
  ENDED: "bg-stone-100 text-stone-700",
  LIFTED: "bg-emerald-100 text-emerald-800",
} as const;

/** One decision on the public ban list: who, why, from when to when, and whether it still holds. */
export function PublicBanCard({ ban }: { ban: PublicBanCardData }) {
  const { t, locale } = useT();
  const name = ban.organisationName ?? ban.personName ?? "";
  return (
    <li className="card space-y-1" aria-label={name}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">{name}</h2>
        <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[ban.status]}`}>
          {t(`bans.status.${ban.status}`)}
        </span>
      </div>
      <p className="text-sm text-stone-700">
        {t(`bans.subject.${ban.subjectKind}`)}
        {ban.creditCode ? ` · ${t("bans.creditCode")} ${ban.creditCode}` : null}
      </p>
      <p>
        {t("bans.reason")}：{ban.reason}
      </p>
      <p className="text-sm">
        {t("bans.decidedOn")} {formatDate(locale, ban.decidedAt)} · {t("bans.endsOn")}{" "}
        {formatDate(locale, ban.endsAt)}
        {ban.liftedAt ? ` · ${t("bans.liftedOn")} ${formatDate(locale, ban.liftedAt)}` : null}
      </p>
      {ban.programmeTitle ? (
        <p className="text-sm text-stone-700">
          {t("bans.programme")}：{ban.programmeTitle}
        </p>
      ) : null}
    </li>
  );
}
