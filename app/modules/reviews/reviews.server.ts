import type { Logger } from "pino";
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { AgreementParty } from "~/generated/prisma/enums";
import { otherParty, partyOf, type AgreementSides } from "~/modules/escrow/parties";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { REVIEW_REPORT_TRANSITIONS } from "./reviews.states";
import { CRITERIA, REVIEW_WINDOW_DAYS, type ReviewInput } from "./reviews.schema";
import { startPeriodicJob } from "~/utils/periodic-job.server";

/**
 * Two-sided, double-blind reviews of a completed agreement. Each side writes one
 * review within REVIEW_WINDOW_DAYS of completion; nobody but its author sees it until both are
 * in (both get `publishedAt` in the same transaction) or the window closes. "Published" is
 * therefore `publishedAt IS NOT NULL OR completedAt + window <= now`: reads never depend on the
 * publishing job having run; the job only stamps the rows and tells people.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_MS = REVIEW_WINDOW_DAYS * DAY_MS;
export const REVIEWS_PER_PAGE = 10;

export function reviewWindowClosesAt(completedAt: Date): Date {
  return new Date(completedAt.getTime() + WINDOW_MS);
}

/** The Prisma filter for reviews people may read: published (by both in, or by the window), not hidden. */
export function visibleReviewWhere(now: Date): Prisma.ReviewWhereInput {
  return {
    hiddenAt: null,
    OR: [
      { publishedAt: { not: null } },
      { agreement: { completedAt: { lte: new Date(now.getTime() - WINDOW_MS) } } },
    ],
  };
}

function isPublished(review: { publishedAt: Date | null }, completedAt: Date | null, now: Date): boolean {
  return review.publishedAt !== null || (completedAt !== null && reviewWindowClosesAt(completedAt) <= now);
}

/**
 * The side the actor may review for: the payer side as escrow decides it (the named payer or a
 * village-role member of its organisation), or the expert named as payee. Members of the
 * expert's institution co-sign agreements but do not review in the expert's name.
 */
export function reviewSideOf(
  actor: Pick<Actor, "id" | "memberships">,
  sides: AgreementSides,
): AgreementParty | null {
  if (partyOf(actor, sides) === "PAYER") return "PAYER";
  return actor.id === sides.payeeUserId ? "PAYEE" : null;
}

/** Who a review by `authorSide` is about: the expert, or the paying organisation (or farmer). */
function subjectOf(authorSide: AgreementParty, sides: AgreementSides) {
  if (authorSide === "PAYER") return { subjectUserId: sides.payeeUserId, subjectOrganisationId: null };
  return sides.payerOrganisationId
    ? { subjectUserId: null, subjectOrganisationId: sides.payerOrganisationId }
    : { subjectUserId: sides.payerUserId, subjectOrganisationId: null };
}

/** The people who act for a side and hear about its reviews. */
async function sideUserIds(tx: Tx, sides: AgreementSides, side: AgreementParty): Promise<string[]> {
  if (side === "PAYEE") return [sides.payeeUserId];
  const members = sides.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: sides.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([sides.payerUserId, ...members.map((m) => m.userId)])];
}

/** One transaction; notifications written in it are pushed to people after it commits. */
async function inTransaction<T>(
  work: (tx: Tx, notify: (items: NewNotification[]) => void) => Promise<T>,
): Promise<T> {
  let rows: Awaited<ReturnType<typeof createNotifications>> = [];
  const result = await db.$transaction(async (tx) => {
    const pending: NewNotification[] = [];
    const value = await work(tx, (items) => pending.push(...items));
    rows = await createNotifications(tx, pending);
    return value;
  });
  await deliverNotifications(rows);
  return result;
}

const sidesSelect = {
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
} as const;

function notices(
  userIds: string[],
  type: "review.received" | "review.published",
  agreement: { id: string; title: string },
): NewNotification[] {
  return userIds.map((userId) => ({
    userId,
    type,
    params: { agreement: agreement.title },
    href: `/agreements/${agreement.id}/review`,
  }));
}

/**
 * A side's review of a completed agreement. Runs under the agreement's row lock, so when both
 * sides submit at once the second one sees the first and both are published together.
 */
export async function submitReview(
  actor: Actor,
  agreementId: string,
  input: ReviewInput,
  now: Date = new Date(),
) {
  return inTransaction(async (tx, notify) => {
    await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
    const agreement = await tx.agreement.findUnique({
      where: { id: agreementId },
      select: { id: true, title: true, status: true, completedAt: true, ...sidesSelect },
    });
    if (!agreement) throw new DomainError("reviews.not_found");
    const side = reviewSideOf(actor, agreement);
    if (!side) throw new DomainError("reviews.not_party");
    if (agreement.status !== "COMPLETED" || !agreement.completedAt)
      throw new DomainError("reviews.not_completed");
    if (reviewWindowClosesAt(agreement.completedAt) <= now) throw new DomainError("reviews.window_closed");
    const existing = await tx.review.findMany({
      where: { agreementId },
      select: { id: true, authorSide: true },
    });
    if (existing.some((review) => review.authorSide === side)) throw new DomainError("reviews.duplicate");
    // Only this side's criteria are kept, in their fixed order.
    const scores = Object.fromEntries(
      CRITERIA[side].map((criterion) => [criterion, (input.scores as Record<string, number>)[criterion]]),
    );
    const review = await tx.review
      .create({
        data: {
          agreementId,
          authorSide: side,
          authorId: actor.id,
          ...subjectOf(side, agreement),
          rating: input.rating,
          scores,
          text: input.text,
          createdAt: now,
        },
        select: { id: true },
      })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
          throw new DomainError("reviews.duplicate");
        throw error;
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.submitted",
      subjectType: "Review",
      subjectId: review.id,
      after: { agreementId, authorSide: side, rating: input.rating },
    });
    const other = existing.find((r) => r.authorSide === otherParty(side));
    if (other) {
      await tx.review.updateMany({ where: { agreementId, publishedAt: null }, data: { publishedAt: now } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "review.published",
        subjectType: "Agreement",
        subjectId: agreementId,
        after: { reviewIds: [other.id, review.id], why: "both_in" },
      });
      const everyone = [
        ...(await sideUserIds(tx, agreement, "PAYER")),
        ...(await sideUserIds(tx, agreement, "PAYEE")),
      ];
      notify(notices([...new Set(everyone)], "review.published", agreement));
    } else {
      // The other side learns a review waits, not what it says.
      notify(notices(await sideUserIds(tx, agreement, otherParty(side)), "review.received", agreement));
    }
    return { id: review.id, published: Boolean(other) };
  });
}

/**
 * Stamps `publishedAt` on reviews whose window has closed (at the moment it closed) and tells
 * both sides. Idempotent: a row already stamped is left alone, so two app processes may run it.
 */
export async function publishDueReviews(now: Date = new Date()) {
  return inTransaction(async (tx, notify) => {
    const cutoff = new Date(now.getTime() - WINDOW_MS);
    const stamped = await tx.$queryRaw<{ id: string; agreementId: string }[]>`
      UPDATE "Review" r SET "publishedAt" = a."completedAt" + make_interval(days => ${REVIEW_WINDOW_DAYS}::int)
      FROM "Agreement" a
      WHERE a.id = r."agreementId" AND r."publishedAt" IS NULL AND a."completedAt" <= ${cutoff}
      RETURNING r.id, r."agreementId"`;
    const agreementIds = [...new Set(stamped.map((row) => row.agreementId))];
    const agreements = await tx.agreement.findMany({
      where: { id: { in: agreementIds } },
      select: { id: true, title: true, ...sidesSelect },
    });
    for (const agreement of agreements) {
      await recordAudit(tx, {
        actorId: null,
        action: "review.published",
        subjectType: "Agreement",
        subjectId: agreement.id,
        after: {
          reviewIds: stamped.filter((r) => r.agreementId === agreement.id).map((r) => r.id),
          why: "window_closed",
        },
      });
      const everyone = [
        ...(await sideUserIds(tx, agreement, "PAYER")),
        ...(await sideUserIds(tx, agreement, "PAYEE")),
      ];
      notify(notices([...new Set(everyone)], "review.published", agreement));
    }
    return { published: stamped.length };
  });
}

/** Runs the publishing sweep at start and every few minutes. */
export function startReviewJobs(log: Logger, intervalMs = 5 * 60 * 1000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      publishDueReviews()
        .then(({ published }) => {
          if (published > 0) log.info({ published }, "reviews published at window close");
        })
        .catch((error: unknown) => log.error({ err: error }, "publishing reviews failed")),
    intervalMs,
  );
}

const reviewLockSelect = {
  id: true,
  authorId: true,
  subjectUserId: true,
  subjectOrganisationId: true,
  publishedAt: true,
  hiddenAt: true,
  reply: true,
  agreement: { select: { completedAt: true } },
} as const;

async function lockReview(tx: Tx, reviewId: string) {
  await tx.$queryRaw`SELECT id FROM "Review" WHERE id = ${reviewId} FOR UPDATE`;
  const review = await tx.review.findUnique({ where: { id: reviewId }, select: reviewLockSelect });
  if (!review || review.hiddenAt) throw new DomainError("reviews.not_found");
  return review;
}

/** The person a review is about, or any member of the organisation it is about. */
export function isSubjectOf(
  actor: Pick<Actor, "id" | "memberships">,
  review: { subjectUserId: string | null; subjectOrganisationId: string | null },
): boolean {
  if (review.subjectUserId) return review.subjectUserId === actor.id;
  return actor.memberships.some((m) => m.organisationId === review.subjectOrganisationId);
}

/** The reviewed side answers a published review, once. */
export async function replyToReview(actor: Actor, reviewId: string, text: string, now: Date = new Date()) {
  await db.$transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (!isSubjectOf(actor, review)) throw new DomainError("reviews.reply_not_allowed");
    if (!isPublished(review, review.agreement.completedAt, now))
      throw new DomainError("reviews.not_published");
    if (review.reply !== null) throw new DomainError("reviews.already_replied");
    await tx.review.update({
      where: { id: reviewId },
      data: { reply: text, repliedAt: now, repliedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.replied",
      subjectType: "Review",
      subjectId: reviewId,
      after: { reply: text },
    });
  });
}

/** Anyone logged in may report a published review once; bureau staff decide. */
export async function reportReview(actor: Actor, reviewId: string, reason: string, now: Date = new Date()) {
  return db.$transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (!isPublished(review, review.agreement.completedAt, now)) throw new DomainError("reviews.not_found");
    if (review.authorId === actor.id) throw new DomainError("reviews.report_own");
    const existing = await tx.reviewReport.findUnique({
      where: { reviewId_reporterId: { reviewId, reporterId: actor.id } },
      select: { id: true },
    });
    if (existing) throw new DomainError("reviews.already_reported");
    const report = await tx.reviewReport.create({
      data: { reviewId, reporterId: actor.id, reason, createdAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.reported",
      subjectType: "Review",
      subjectId: reviewId,
      after: { reportId: report.id, reason },
    });
    return report;
  });
}

/**
 * Staff decide a report. UPHELD hides the review with the note as the reason shown in its place,
 * and closes the review's other open reports the same way (there is nothing left to decide).
 */
export async function moderateReport(
  actor: Actor,
  reportId: string,
  decision: { decision: "UPHELD" | "DISMISSED"; note: string },
  now: Date = new Date(),
) {
  if (!can(actor, "content.moderate")) throw new DomainError("reviews.forbidden");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ReviewReport" WHERE id = ${reportId} FOR UPDATE`;
    const report = await tx.reviewReport.findUnique({
      where: { id: reportId },
      select: { id: true, status: true, reviewId: true },
    });
    if (!report) throw new DomainError("reviews.not_found");
    assertTransition(REVIEW_REPORT_TRANSITIONS, report.status, decision.decision, "reviews.already_decided");
    const decided = {
      status: decision.decision,
      decidedById: actor.id,
      decidedAt: now,
      decisionNote: decision.note,
    };
    await tx.reviewReport.update({ where: { id: reportId }, data: decided, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `review_report.${decision.decision.toLowerCase()}`,
      subjectType: "ReviewReport",
      subjectId: reportId,
      before: { status: "OPEN" },
      after: { status: decision.decision, note: decision.note },
    });
    if (decision.decision !== "UPHELD") return;
    await tx.review.update({
      where: { id: report.reviewId },
      data: { hiddenAt: now, hiddenReason: decision.note, hiddenById: actor.id },
      select: { id: true },
    });
    await tx.reviewReport.updateMany({
      where: {
        reviewId: report.reviewId,
        status: { in: statesThatMayBecome(REVIEW_REPORT_TRANSITIONS, decision.decision) },
      },
      data: decided,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.hidden",
      subjectType: "Review",
      subjectId: report.reviewId,
      after: { reportId, reason: decision.note },
    });
  });
}
