import { Link } from "@remix-run/react";
import { RevealLink } from "~/components/privacy/reveal-link";
import type { ComponentProps } from "react";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { VerificationDetails } from "./verification-views";
import type { OrganisationType } from "~/generated/prisma/enums";

/**
 * A verification request as the bureau reviews it: whose it is (linked to their public page),
 * who submitted it when, the details given, and the decision if one was made.
 */
export function VerificationReviewSummary({
  request,
}: {
  request: {
    subject: "PERSON" | "ORGANISATION";
    subjectName: string;
    organisation: { id: string; type: OrganisationType; verifiedAt: Date | string | null } | null;
    person: { id: string; primaryRole: string; verifiedAt: Date | string | null } | null;
    createdAt: Date | string;
    submittedBy: { displayName: string };
    details: ComponentProps<typeof VerificationDetails>["details"];
    status: "PENDING" | "APPROVED" | "REJECTED";
    decidedAt: Date | string | null;
    reviewer: { displayName: string } | null;
    reason: string | null;
    /** The contact phone is shown in full (the reviewer asked; the view was logged). */
    contactRevealed: boolean;
  };
}) {
  const { t, locale } = useT();
  const subjectLink = request.organisation
    ? `/orgs/${request.organisation.id}`
    : request.person?.primaryRole === "EXPERT"
      ? `/experts/${request.person.id}`
      : null;
  const verified = Boolean(request.organisation?.verifiedAt ?? request.person?.verifiedAt);
  return (
    <section className="card space-y-3">
      <p className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
          {t(`verification.subject.${request.subject}`)}
        </span>
        {subjectLink ? (
          <Link to={subjectLink} className="link font-semibold">
            {request.subjectName}
          </Link>
        ) : (
          <span className="font-semibold">{request.subjectName}</span>
        )}
        <VerifiedBadge verified={verified} />
        {request.organisation ? (
          <span className="text-sm text-stone-600">{t(`orgType.${request.organisation.type}`)}</span>
        ) : null}
      </p>
      <p className="text-sm text-stone-600">
        {t("verification.submittedAt", { date: formatDate(locale, request.createdAt) })} ·{" "}
        {t("verification.submittedBy", { name: request.submittedBy.displayName })}
      </p>
      <VerificationDetails details={request.details} />
      {request.details.subject === "ORGANISATION" && !request.contactRevealed ? <RevealLink /> : null}
      <p className="font-medium">{t(`verification.status.${request.status}`)}</p>
      {request.decidedAt ? (
        <p className="text-sm text-stone-600">
          {t("verification.decidedBy", {
            name: request.reviewer?.displayName ?? "—",
            date: formatDate(locale, request.decidedAt),
          })}
        </p>
      ) : null}
      {request.reason ? (
        <p className="text-sm text-red-800">{t("verification.rejectedReason", { reason: request.reason })}</p>
      ) : null}
    </section>
  );
}
