import type { OrganisationType, ProgrammeApplicationStatus, ProgrammeKind } from "~/generated/prisma/enums";
import { moneyParam } from "~/i18n/format";
import { PASSING_SCORE } from "./programmes.schema";

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

export interface DisbursementState {
  kind: ProgrammeKind;
  status: ProgrammeApplicationStatus;
  approvedFen: number | null;
  disbursedFen: number;
  suspendedAt: Date | string | null;
  suspensionReason: string | null;
  /** The evaluation's score; null before the project is evaluated. */
  score: number | null;
}

/** Why the bureau cannot pay an application now, as the refusal the service throws. */
export type DisbursementBlocker =
  | { code: "programme.suspended"; params: { reason: string } }
  | { code: "programme.not_disbursable"; params?: undefined }
  | { code: "programme.over_approved"; params: { remaining: string } }
  | { code: "programme.not_evaluated"; params?: undefined }
  | { code: "programme.evaluation_failed"; params: { score: number; pass: number } };

/**
 * The one rule for "may this application be paid now" (bans aside, which `assertNotBanned`
 * checks): the disbursement service refuses with it and the bureau's page offers the 拨付 button
 * only when it gives null, saying what is missing otherwise.
 */
export function disbursementBlocker(application: DisbursementState): DisbursementBlocker | null {
  if (application.suspendedAt)
    return { code: "programme.suspended", params: { reason: application.suspensionReason ?? "" } };
  if (
    application.approvedFen === null ||
    !["APPROVED", "EVALUATED", "DISBURSED"].includes(application.status)
  )
    return { code: "programme.not_disbursable" };
  if (application.disbursedFen >= application.approvedFen)
    return { code: "programme.over_approved", params: { remaining: moneyParam(0) } };
  if (application.kind === "POST_SUBSIDY") {
    // 后补助: money follows a passing evaluation (合格, score ≥ 60), never before.
    if (application.status !== "EVALUATED") return { code: "programme.not_evaluated" };
    const score = application.score ?? 0;
    if (score < PASSING_SCORE)
      return { code: "programme.evaluation_failed", params: { score, pass: PASSING_SCORE } };
  }
  return null;
}

/** Scores still needed before the bureau may approve: the service refuses, the page hides 批准, below zero never. */
export function missingScores(
  reviewsRequired: number,
  reviews: { conflict: boolean; score: number | null }[],
): number {
  const scored = reviews.filter((review) => !review.conflict && review.score !== null).length;
  return Math.max(0, reviewsRequired - scored);
}

/** The average of the scores that count (conflicts give none), or null before any. */
export function averageScore(reviews: { conflict: boolean; score: number | null }[]): number | null {
  const scores = reviews
    .filter((review) => !review.conflict && review.score !== null)
    .map((review) => review.score!);
  return scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
}
