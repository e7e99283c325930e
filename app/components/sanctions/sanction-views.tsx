import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { SanctionView } from "~/modules/sanctions/sanctions.queries.server";
import type { SerializeFrom } from "@remix-run/node";

type Sanction = SerializeFrom<SanctionView>;

const KIND_TONE = {
  SUSPENSION: "bg-amber-100 text-amber-900",
  CLAWBACK: "bg-orange-100 text-orange-900",
  BAN: "bg-red-100 text-red-800",
} as const;

/** One sanction as the bureau reads it: kind, subject, reason, period or amounts, and its state. */
export function SanctionSummary({ sanction, link = false }: { sanction: Sanction; link?: boolean }) {
  const { t, locale } = useT();
  const subject = [sanction.organisationName, sanction.userName].filter(Boolean).join(" · ");
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-2 py-0.5 text-xs ${KIND_TONE[sanction.kind]}`}>
          {t(`sanctions.kind.${sanction.kind}`)}
        </span>
        {subject ? <span className="font-semibold">{t("sanctions.subject", { subject })}</span> : null}
        {sanction.daysLeft !== null ? (
          <span className="text-sm text-red-800">{t("sanctions.daysLeft", { days: sanction.daysLeft })}</span>
        ) : null}
        {sanction.expired ? <span className="text-sm text-stone-600">{t("sanctions.expired")}</span> : null}
        {link ? (
          <Link to={`/bureau/sanctions/${sanction.id}`} className="link ml-auto text-sm">
            {t("sanctions.open")}
          </Link>
        ) : null}
      </p>
      {sanction.application ? (
        <p className="text-sm text-stone-700">
          {t("sanctions.application", { title: sanction.application.title })}
        </p>
      ) : null}
      <p className="whitespace-pre-line">{t("sanctions.reason", { reason: sanction.reason })}</p>
      <p className="text-sm text-stone-600">
        {sanction.endsAt
          ? t("sanctions.period", {
              start: formatDate(locale, sanction.startsAt),
              end: formatDate(locale, sanction.endsAt),
            })
          : t("sanctions.started", { date: formatDate(locale, sanction.startsAt) })}
      </p>
      {sanction.kind === "CLAWBACK" ? (
        <p className="text-sm font-medium">
          {t("sanctions.amounts", {
            amount: formatMoney(locale, sanction.amountFen ?? 0),
            recovered: formatMoney(locale, sanction.recoveredFen ?? 0),
            owed: formatMoney(locale, sanction.owedFen ?? 0),
          })}
        </p>
      ) : null}
      {sanction.liftedAt ? (
        <p className="text-sm text-stone-600">
          {t("sanctions.lifted", {
            date: formatDate(locale, sanction.liftedAt),
            reason: sanction.liftReason ?? "",
          })}
        </p>
      ) : null}
    </div>
  );
}

/** The "collect owed" button of a claw-back with money still owed (no fields: works without JS). */
export function CollectForm({ sanctionId }: { sanctionId: string }) {
  const { t } = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="collect" />
      <input type="hidden" name="sanctionId" value={sanctionId} />
      <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
        {t("sanctions.action.collect")}
      </button>
    </Form>
  );
}
