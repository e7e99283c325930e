import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertLinkageCondition } from "~/modules/linkage/linkage.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { notifyOfficers } from "~/modules/oversight/officer-notices.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { PROGRAMME_APPLICATION_TRANSITIONS } from "./programmes.states";
import { requireCan, notifyApplicant, findApplication } from "./programmes.core.server";

/*
 * 绩效考评 is joint (plan §5, decision 037): the science bureau scores and writes the narrative,
 * the finance bureau agrees or disagrees with a note on the use of the money. Only its agreement
 * makes the application EVALUATED (and so lets a post-subsidy be paid). A disagreement closes
 * the round with finance's note; the science bureau evaluates again in a new round.
 */

export interface EvaluationInput {
  score: number;
  narrative: string;
  commended: boolean;
}

async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
  return findApplication(tx, applicationId);
}

function pendingRound(tx: Tx, applicationId: string) {
  return tx.evaluationSignOff.findFirst({
    where: { applicationId, financeOpinion: null },
    select: { id: true, score: true, narrative: true, commended: true, evaluatedById: true },
  });
}

/**
 * 利益联结 (issue 23): under a programme that requires it, the project's organisation must have
 * paid a household under a benefit linkage between the approval and the completion report.
 */
async function checkLinkageCondition(tx: Tx, application: { id: string; programmeId: string }) {
  const project = await tx.programmeApplication.findUniqueOrThrow({
    where: { id: application.id },
    select: {
      organisationId: true,
      decidedAt: true,
      completedAt: true,
      programme: { select: { requiresBenefitLinkage: true } },
    },
  });
  if (project.programme.requiresBenefitLinkage) await assertLinkageCondition(tx, project);
}

/** The science bureau's evaluation, after the completion report; it then waits for finance. */
export async function evaluateApplication(
  actor: Actor,
  applicationId: string,
  evaluation: EvaluationInput,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  const rows = await db.$transaction(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    if (application.status === "EVALUATED") throw new DomainError("programme.already_evaluated");
    if (!application.completedAt) throw new DomainError("programme.not_completed");
    assertTransition(
      PROGRAMME_APPLICATION_TRANSITIONS,
      application.status,
      "EVALUATED",
      "programme.invalid_transition",
    );
    if (await pendingRound(tx, applicationId)) throw new DomainError("cosign.evaluation_pending");
    await checkLinkageCondition(tx, application);
    const round = await tx.evaluationSignOff.create({
      data: { applicationId, ...evaluation, evaluatedById: actor.id, evaluatedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.evaluation_submitted",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      after: { roundId: round.id, ...evaluation },
    });
    const { title } = await tx.programmeApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: { title: true },
    });
    return notifyOfficers(
      tx,
      { kind: "finance" },
      {
        type: "officer.evaluation_to_sign",
        params: { title, score: evaluation.score },
        href: `/bureau/finance/applications/${applicationId}`,
      },
    );
  });
  await deliverNotifications(rows);
}

export interface FinanceOpinionInput {
  agree: boolean;
  /** On the use of the money; the science bureau reads it, above all when finance disagrees. */
  note: string;
}

/** Finance's opinion on the waiting evaluation. Agreement makes it final: EVALUATED. */
export async function signEvaluation(
  actor: Actor,
  applicationId: string,
  opinion: FinanceOpinionInput,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.cosign");
  const rows = await db.$transaction(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    const round = await pendingRound(tx, applicationId);
    if (!round) throw new DomainError("cosign.no_pending_evaluation");
    if (round.evaluatedById === actor.id) throw new DomainError("cosign.same_signer");
    await tx.evaluationSignOff.update({
      where: { id: round.id },
      data: {
        financeOpinion: opinion.agree ? "AGREE" : "DISAGREE",
        financeNote: opinion.note,
        financeById: actor.id,
        financeAt: now,
      },
      select: { id: true },
    });
    if (!opinion.agree) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "programme.evaluation_disagreed",
        subjectType: "ProgrammeApplication",
        subjectId: applicationId,
        after: { roundId: round.id, note: opinion.note },
      });
      return [];
    }
    const evaluation = { score: round.score, narrative: round.narrative, commended: round.commended };
    await tx.programmeOutcome.update({
      where: { applicationId },
      data: { ...evaluation, evaluatedById: round.evaluatedById, evaluatedAt: now },
      select: { applicationId: true },
    });
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { status: "EVALUATED" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.evaluated",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after: { status: "EVALUATED", ...evaluation, roundId: round.id, financeNote: opinion.note },
    });
    return notifyApplicant(tx, application, {
      type: "programme.evaluated",
      params: { title: application.title, score: round.score },
    });
  });
  await deliverNotifications(rows);
}
