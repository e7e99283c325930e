import { formatPhone } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { DetailsView } from "~/modules/verification/verification.server";

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
          [t("verification.idLast4"), `**************${details.person.idLast4} (${t("verification.idNotStored")})`],
          [t("verification.expertTitle"), details.person.title],
          [t("verification.employer"), details.person.employer],
          [t("verification.statement"), details.person.statement],
        ];
  if (!rows) return <p className="text-red-800">{t("verification.detailsUnreadable")}</p>;
  return (
    <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-sm">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="whitespace-pre-line break-all">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
