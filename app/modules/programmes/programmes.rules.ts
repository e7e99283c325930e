import type { OrganisationType, ProgrammeApplicationStatus } from "~/generated/prisma/enums";

/** Applications that still hold a place in a programme (for the one-per-agreement/need rule). */
export const ACTIVE_APPLICATION_STATUSES: ProgrammeApplicationStatus[] = [
  "SUBMITTED",
  "APPROVED",
  "DISBURSED",
  "EVALUATED",
];

export interface Eligibility {
  eligibleCounties: string[];
  eligibleIndustries: string[];
  eligibleOrgTypes: OrganisationType[];
}

export type IneligibleReason = "county" | "industry" | "orgType";

/**
 * Why an organisation's project does not fit the call, in the order a person would fix them.
 * Empty lists mean any; an unknown county or industry (not yet chosen) is not held against it.
 */
export function ineligibleReasons(
  rules: Eligibility,
  subject: { countyCode?: string | null; industry?: string | null; orgType: OrganisationType },
): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  if (rules.eligibleOrgTypes.length > 0 && !rules.eligibleOrgTypes.includes(subject.orgType))
    reasons.push("orgType");
  if (
    rules.eligibleCounties.length > 0 &&
    subject.countyCode &&
    !rules.eligibleCounties.includes(subject.countyCode)
  )
    reasons.push("county");
  if (
    rules.eligibleIndustries.length > 0 &&
    subject.industry &&
    !rules.eligibleIndustries.includes(subject.industry)
  )
    reasons.push("industry");
  return reasons;
}

/** What an application still owes the project: approved but not yet paid. */
export function outstandingFen(application: {
  approvedFen: number | null;
  disbursedFen: number;
  status: ProgrammeApplicationStatus;
}): number {
  if (application.approvedFen === null || !["APPROVED", "EVALUATED"].includes(application.status)) return 0;
  return Math.max(0, application.approvedFen - application.disbursedFen);
}

/** The average of the scores that count (conflicts give none), or null before any. */
export function averageScore(reviews: { conflict: boolean; score: number | null }[]): number | null {
  const scores = reviews
    .filter((review) => !review.conflict && review.score !== null)
    .map((review) => review.score!);
  return scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
}
