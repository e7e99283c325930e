import type { z } from "zod";
import { db } from "~/db.server";
import type { MessageKey, Params } from "~/i18n/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { CLEARING, ensureAccount, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { PROGRAMME_TRANSITIONS } from "./programmes.states";
import { type BureauApplicationIntentSchema, type ProgrammeFields } from "./programmes.schema";
import { moneyText, requireCan } from "./programmes.core.server";
import { reviewApplication, decideApplication } from "./programmes.decisions.server";
import { proposeDisbursement } from "./programmes.cosign.server";
import { evaluateApplication } from "./programmes.cosign-evaluation.server";

/*
 * A programme's own life (the bureau's calls: create, edit, publish, close, top up) and the
 * bureau's actions on an application page. The applicant's flow, review and decision,
 * payment and completion, and the finance bureau's co-signature each have their file; they are
 * re-exported here for callers.
 */

export async function createProgramme(actor: Actor, fields: ProgrammeFields): Promise<{ id: string }> {
  requireCan(actor, "programme.manage");
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.create({
      data: { ...fields, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.created",
      subjectType: "Programme",
      subjectId: programme.id,
      after: { ...fields, deadline: fields.deadline.toISOString() },
    });
    return programme;
  });
}

/** Only a draft may be edited: once published, applicants rely on its terms and budget. */
export async function updateProgramme(
  actor: Actor,
  programmeId: string,
  fields: ProgrammeFields,
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    const before = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, title: true, budgetFen: true, maxAwardFen: true, deadline: true },
    });
    if (!before) throw new DomainError("programme.not_found");
    if (before.status !== "DRAFT") throw new DomainError("programme.not_draft");
    await tx.programme.update({ where: { id: programmeId }, data: fields, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.updated",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { ...before, deadline: before.deadline.toISOString() },
      after: { ...fields, deadline: fields.deadline.toISOString() },
    });
  });
}

/** DRAFT → OPEN: opens programme:<id> and moves the budget into it, in one transaction. */
export async function publishProgramme(
  actor: Actor,
  programmeId: string,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, budgetFen: true },
    });
    if (!programme) throw new DomainError("programme.not_found");
    assertTransition(PROGRAMME_TRANSITIONS, programme.status, "OPEN", "programme.invalid_transition");
    const account = await ensureAccount(tx, { id: programmeAccountId(programmeId), kind: "PROGRAMME" });
    await transfer(tx, {
      from: CLEARING,
      to: account,
      amountFen: programme.budgetFen,
      reason: "PROGRAMME_BUDGET",
      actorId: actor.id,
    });
    await tx.programme.update({
      where: { id: programmeId },
      data: { status: "OPEN", publishedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.published",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { status: "DRAFT" },
      after: { status: "OPEN", budgetFen: programme.budgetFen },
    });
  });
}

export async function closeProgramme(
  actor: Actor,
  programmeId: string,
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { id: programmeId }, select: { status: true } });
    if (!programme) throw new DomainError("programme.not_found");
    assertTransition(PROGRAMME_TRANSITIONS, programme.status, "CLOSED", "programme.invalid_transition");
    await tx.programme.update({
      where: { id: programmeId },
      data: { status: "CLOSED", closedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.closed",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { status: programme.status },
      after: { status: "CLOSED" },
    });
  });
}

/** Adds money to a published programme: another PROGRAMME_BUDGET transfer, and a larger budget. */
export async function topUpProgramme(actor: Actor, programmeId: string, amountFen: number): Promise<void> {
  requireCan(actor, "programme.manage");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      select: { status: true, budgetFen: true },
    });
    if (!programme) throw new DomainError("programme.not_found");
    if (programme.status === "DRAFT") throw new DomainError("programme.invalid_transition");
    await transfer(tx, {
      from: CLEARING,
      to: programmeAccountId(programmeId),
      amountFen,
      reason: "PROGRAMME_BUDGET",
      actorId: actor.id,
    });
    const budgetFen = programme.budgetFen + amountFen;
    await tx.programme.update({ where: { id: programmeId }, data: { budgetFen }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.topped_up",
      subjectType: "Programme",
      subjectId: programmeId,
      before: { budgetFen: programme.budgetFen },
      after: { budgetFen },
    });
  });
}

export type BureauIntent = z.output<typeof BureauApplicationIntentSchema>;

/**
 * One of the bureau's actions on an application page, as the route parsed it. Each checks its
 * own permission (review: programme.review; the rest: programme.manage). Returns the toast.
 */
export async function performBureauIntent(
  actor: Actor,
  applicationId: string,
  intent: BureauIntent,
): Promise<{ message: MessageKey; params?: Params }> {
  switch (intent.intent) {
    case "review":
      await reviewApplication(actor, applicationId, {
        conflict: false,
        score: intent.score,
        comment: intent.comment,
      });
      return { message: "programmes.reviewed" };
    case "conflict":
      await reviewApplication(actor, applicationId, { conflict: true });
      return { message: "programmes.reviewed" };
    case "approve":
      await decideApplication(actor, applicationId, {
        approve: true,
        approvedFen: intent.approved,
        note: intent.note,
      });
      return { message: "programmes.decided" };
    case "reject":
      await decideApplication(actor, applicationId, { approve: false, note: intent.note });
      return { message: "programmes.decided" };
    case "propose": {
      const proposed = await proposeDisbursement(actor, {
        applicationId,
        amountFen: intent.amount,
        note: intent.note,
        idempotencyKey: intent.idempotencyKey,
      });
      return { message: "cosign.toast.proposed", params: { amount: moneyText(proposed.amountFen) } };
    }
    case "evaluate":
      await evaluateApplication(actor, applicationId, {
        score: intent.score,
        narrative: intent.narrative,
        commended: intent.commended,
      });
      return { message: "cosign.toast.evaluationSubmitted" };
  }
}

export { uncommittedFen } from "./programmes.core.server";
export type { ApplicationRow } from "./programmes.core.server";
export { applyToProgramme, withdrawApplication } from "./programmes.applications.server";
export {
  decideApplication,
  reviewApplication,
  type Decision,
  type ReviewInput,
} from "./programmes.decisions.server";
export {
  approveDisbursement,
  proposeDisbursement,
  refuseDisbursement,
  type ProposeInput,
} from "./programmes.cosign.server";
export {
  evaluateApplication,
  signEvaluation,
  type EvaluationInput,
} from "./programmes.cosign-evaluation.server";
export { reportCompletion } from "./programmes.completion.server";
