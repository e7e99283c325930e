import { FactList } from "~/components/fact-list";
import { Link } from "@remix-run/react";
import { formatDate, formatPhone } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { DetailsView, VerificationState } from "~/modules/verification/verification.server";

/** A subject may (re)apply when it has never applied or was last rejected. */
export const canSubmit = (status: VerificationState | null) =>
  status?.state === "NONE" || status?.state === "REJECTED";

/** What the applicant submitted, as the bureau reads it. The ID number shows only as its last four. */
export function VerificationDetails({ details }: { details: DetailsView }) {
  const { t } = useT();
  const rows: [string, string | undefined][] | null =
    details.subject === "ORGANISATION"
      ? details.organisation && [
          [t("verification.creditCode"), details.organisation.creditCode],
          [t("verification.legalRepresentative"), details.organisation.legalRepresentative],
          [t("verification.contactPerson"), details.organisation.contactPerson],
          [t("verification.contactPhone"), formatPhone(details.organisation.contactPhone)],
          [t("verification.statement"), details.organisation.statement],
        ]
      : details.person && [
          [t("verification.realName"), details.person.realName],
          [
            t("verification.idLast4"),
            `**************${details.person.idLast4} (${t("verification.idNotStored")})`,
          ],
          [t("verification.expertTitle"), details.person.title],
          [t("verification.employer"), details.person.employer],
          [t("verification.statement"), details.person.statement],
        ];
  if (!rows) return <p className="text-red-800">{t("verification.detailsUnreadable")}</p>;
  return <FactList facts={rows} className="gap-y-1 text-sm" />;
}

export function StatusLine({ status }: { status: VerificationState }) {
  const { t, locale } = useT();
  const tone = {
    VERIFIED: "bg-brand-100 text-brand-800",
    PENDING: "bg-sky-100 text-sky-900",
    REJECTED: "bg-red-100 text-red-800",
    NONE: "bg-stone-200 text-stone-700",
  }[status.state];
  return (
    <div className="space-y-1">
      <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
        {t(`verification.state.${status.state}`)}
      </span>
      {status.state === "VERIFIED" ? (
        <p className="text-sm text-stone-600">
          {t("verification.verifiedOn", { date: formatDate(locale, status.verifiedAt) })}
        </p>
      ) : null}
      {status.state === "PENDING" ? (
        <p className="text-sm text-stone-600">
          {t("verification.submittedOn", { date: formatDate(locale, status.submittedAt) })}
        </p>
      ) : null}
      {status.state === "REJECTED" ? (
        <p className="text-sm text-red-800">{t("verification.rejectedReason", { reason: status.reason })}</p>
      ) : null}
    </div>
  );
}

export function StartLink({ status, to }: { status: VerificationState; to: string }) {
  const { t } = useT();
  if (!canSubmit(status)) return null;
  return (
    <Link to={to} className="btn-secondary mt-3">
      {status.state === "REJECTED" ? t("verification.resubmit") : t("verification.start")}
    </Link>
  );
}
