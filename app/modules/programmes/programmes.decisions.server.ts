import { db, type Tx } from "~/db.server";
import type { ProgrammeApplicationStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { assertCountyOpinionReady } from "~/modules/counties/prescreen.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { approveRequestedPlan } from "~/modules/monitoring/monitoring.server";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { missingScores } from "./programmes.rules";
import { PROGRAMME_APPLICATION_TRANSITIONS } from "./programmes.states";
import {
  moneyText,
  requireCan,
  notifyApplicant,
  uncommittedFen,
  type ApplicationRow,
  findApplication,
} from "./programmes.core.server";

/**
 * Why the reviewer may not judge this application, if anything: they belong to the applying
 * organisation, they applied, or they are a party (payer or payee) of the linked agreement.
 */
async function hasConflict(tx: Tx, reviewerId: string, application: ApplicationRow): Promise<boolean> {
  if (application.applicantId === reviewerId) return true;
  const member = application.organisationId
    ? await tx.membership.findUnique({
        where: { userId_organisationId: { userId: reviewerId, organisationId: application.organisationId } },
        select: { userId: true },
      })
    : await tx.commissionerTeamMember.findFirst({
        where: { userId: reviewerId, team: { applications: { some: { id: application.id } } } },
        select: { userId: true },
      });
  if (member) return true;
  if (!application.agreementId) return false;
  const party = await tx.agreement.findFirst({
    where: { id: application.agreementId, OR: [{ payerUserId: reviewerId }, { payeeUserId: reviewerId }] },
    select: { id: true },
  });
  return party !== null;
}

export type ReviewInput = { conflict: false; score: number; comment: string } | { conflict: true };

/** A score with comment (the reviewer declared no conflict), or a declared conflict with none. */
export async function reviewApplication(
  actor: Actor,
  applicationId: string,
  review: ReviewInput,
): Promise<void> {
  requireCan(actor, "programme.review");
  await db.$transaction(async (tx) => {
    const application = await findApplication(tx, applicationId);
    if (application.status !== "SUBMITTED") throw new DomainError("programme.already_decided");
    await assertCountyOpinionReady(tx, applicationId);
    // Declaring a conflict is always allowed; scoring with one is not.
    if (!review.conflict && (await hasConflict(tx, actor.id, application)))
      throw new DomainError("programme.conflict_of_interest");
    const existing = await tx.programmeReview.findUnique({
      where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
      select: { reviewerId: true },
    });
    if (existing) throw new DomainError("programme.already_reviewed");
    const data = review.conflict
      ? { conflict: true, score: null, comment: "" }
      : { conflict: false, score: review.score, comment: review.comment };
    await tx.programmeReview.create({
      data: { applicationId, reviewerId: actor.id, ...data },
      select: { reviewerId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: review.conflict ? "programme.conflict_declared" : "programme.reviewed",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      after: data,
    });
  });
}

export type Decision =
  { approve: true; approvedFen: number; note?: string } | { approve: false; note: string };

export async function decideApplication(
  actor: Actor,
  applicationId: string,
  decision: Decision,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  const rows = await db.$transaction(async (tx) => {
    const { programmeId } = await findApplication(tx, applicationId);
    // Programme first, then the application: the same order as disbursement, so no deadlock.
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
    const application = await findApplication(tx, applicationId);
    const status: ProgrammeApplicationStatus = decision.approve ? "APPROVED" : "REJECTED";
    assertTransition(
      PROGRAMME_APPLICATION_TRANSITIONS,
      application.status,
      status,
      "programme.already_decided",
    );
    await assertCountyOpinionReady(tx, applicationId);

    if (decision.approve) {
      const programme = await tx.programme.findUniqueOrThrow({
        where: { id: programmeId },
        select: { reviewsRequired: true, maxAwardFen: true },
      });
      const reviews = await tx.programmeReview.findMany({
        where: { applicationId },
        select: { conflict: true, score: true },
      });
      const missing = missingScores(programme.reviewsRequired, reviews);
      if (missing > 0)
        throw new DomainError("programme.not_enough_reviews", {
          required: programme.reviewsRequired,
          have: programme.reviewsRequired - missing,
        });
      if (decision.approvedFen > application.requestedFen)
        throw new DomainError("programme.over_requested", { requested: moneyText(application.requestedFen) });
      if (programme.maxAwardFen !== null && decision.approvedFen > programme.maxAwardFen)
        throw new DomainError("programme.approve_over_max", { max: moneyText(programme.maxAwardFen) });
      await assertNotBanned(
        { userId: application.applicantId, organisationIds: [application.organisationId] },
        now,
        tx,
      );
      const available = await uncommittedFen(programmeId, tx);
      if (decision.approvedFen > available)
        throw new DomainError("programme.over_uncommitted", { available: moneyText(Math.max(0, available)) });
    }

    const after = {
      status,
      approvedFen: decision.approve ? decision.approvedFen : null,
      decisionNote: decision.note ?? "",
    };
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { ...after, decidedById: actor.id, decidedAt: now },
      select: { id: true },
    });
    if (decision.approve) await approveRequestedPlan(tx, applicationId, decision.approvedFen);
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.approve ? "programme.approved" : "programme.rejected",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after,
    });
    await enqueueEvent(tx, {
      organisationIds: [application.organisationId],
      event: "programme.decided",
      payload: {
        applicationId,
        programmeId,
        title: application.title,
        status,
        approvedFen: after.approvedFen,
        occurredAt: now.toISOString(),
      },
    });
    return notifyApplicant(
      tx,
      application,
      decision.approve
        ? {
            type: "programme.approved",
            params: { title: application.title, amount: moneyText(decision.approvedFen) },
          }
        : { type: "programme.rejected", params: { title: application.title, reason: decision.note } },
    );
  });
  await deliverNotifications(rows);
}
