import { db, type Tx } from "~/db.server";
import type { MessageKey, Params } from "~/i18n/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { notifyOfficers } from "~/modules/oversight/officer-notices.server";
import { lift, suspend } from "~/modules/sanctions/sanctions.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { FinanceIntent } from "./cosign.schema";
import { type Notifications, moneyText, requireCan } from "./programmes.core.server";
import { signEvaluation } from "./programmes.cosign-evaluation.server";
import { assertPayable, lockForPayment, payApplication } from "./programmes.disbursements.server";

/*
 * Paying programme money takes two signatures (plan §5, decision 037): the science bureau
 * proposes a payment, a finance officer signs it (the ledger transfer happens then, once) or
 * refuses it with a reason. A pending proposal holds nothing in the ledger; it only counts
 * against what may still be proposed, so proposals never add up to more than was approved.
 */

/** Sum of the application's proposals still waiting for finance. */
export async function pendingFen(tx: Tx, applicationId: string): Promise<number> {
  const pending = await tx.disbursementProposal.aggregate({
    where: { applicationId, status: "PENDING" },
    _sum: { amountFen: true },
  });
  return pending._sum.amountFen ?? 0;
}

export interface ProposeInput {
  applicationId: string;
  /** Omitted: all that is approved and neither paid nor already proposed. */
  amountFen?: number;
  note: string;
  idempotencyKey: string;
}

export async function proposeDisbursement(
  actor: Actor,
  input: ProposeInput,
  now: Date = new Date(),
): Promise<{ proposalId: string; amountFen: number }> {
  requireCan(actor, "programme.manage");
  let rows: Notifications = [];
  const { result } = await db.$transaction(async (tx) =>
    idempotent(
      tx,
      {
        actorId: actor.id,
        key: input.idempotencyKey,
        scope: "programme.disbursement.propose",
        request: { applicationId: input.applicationId, amountFen: input.amountFen ?? null, note: input.note },
      },
      async () => {
        const application = await lockForPayment(tx, input.applicationId);
        await assertPayable(tx, application, now);
        const proposable =
          application.approvedFen! - application.disbursedFen - (await pendingFen(tx, application.id));
        const amountFen = input.amountFen ?? proposable;
        if (amountFen <= 0 || amountFen > proposable)
          throw new DomainError("cosign.over_proposable", { remaining: moneyText(Math.max(0, proposable)) });
        const proposal = await tx.disbursementProposal.create({
          data: {
            applicationId: application.id,
            amountFen,
            note: input.note,
            proposedById: actor.id,
            proposedAt: now,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "programme.disbursement_proposed",
          subjectType: "ProgrammeApplication",
          subjectId: application.id,
          after: { proposalId: proposal.id, amountFen, note: input.note },
        });
        const { title } = await tx.programmeApplication.findUniqueOrThrow({
          where: { id: application.id },
          select: { title: true },
        });
        rows = await notifyOfficers(
          tx,
          { kind: "finance" },
          {
            type: "officer.payment_to_sign",
            params: { title, amount: moneyText(amountFen) },
            href: `/bureau/finance/applications/${application.id}`,
          },
        );
        return { proposalId: proposal.id, amountFen };
      },
    ),
  );
  await deliverNotifications(rows);
  return result;
}

/** The proposal, locked after its programme and application (the order of every payment). */
async function lockProposal(tx: Tx, proposalId: string) {
  const found = await tx.disbursementProposal.findUnique({
    where: { id: proposalId },
    select: { applicationId: true },
  });
  if (!found) throw new DomainError("cosign.proposal_not_found");
  const application = await lockForPayment(tx, found.applicationId);
  await tx.$queryRaw`SELECT id FROM "DisbursementProposal" WHERE id = ${proposalId} FOR UPDATE`;
  const proposal = await tx.disbursementProposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { id: true, amountFen: true, status: true, proposedById: true, transferId: true },
  });
  return { application, proposal };
}

/**
 * Finance signs: the ledger transfer happens now. A double tap replays the key's first result; a
 * second tab (another key) finds the proposal APPROVED under the lock and pays nothing more.
 */
export async function approveDisbursement(
  actor: Actor,
  input: { proposalId: string; idempotencyKey: string },
  now: Date = new Date(),
): Promise<{ amountFen: number; transferId: string }> {
  requireCan(actor, "programme.cosign");
  const { result, rows } = await db.$transaction(async (tx) => {
    let rows: Notifications = [];
    const { result } = await idempotent(
      tx,
      {
        actorId: actor.id,
        key: input.idempotencyKey,
        scope: "programme.disbursement.approve",
        request: { proposalId: input.proposalId },
      },
      async () => {
        const { application, proposal } = await lockProposal(tx, input.proposalId);
        if (proposal.status === "APPROVED")
          return { amountFen: proposal.amountFen, transferId: proposal.transferId! };
        if (proposal.status !== "PENDING") throw new DomainError("cosign.proposal_decided");
        // Two different people sign; only a platform admin could hold both roles.
        if (proposal.proposedById === actor.id) throw new DomainError("cosign.same_signer");
        const paid = await payApplication(tx, actor, application, proposal.amountFen, now);
        rows = paid.rows;
        await tx.disbursementProposal.update({
          where: { id: proposal.id },
          data: { status: "APPROVED", decidedById: actor.id, decidedAt: now, transferId: paid.transferId },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "programme.disbursement_approved",
          subjectType: "ProgrammeApplication",
          subjectId: application.id,
          before: { proposalId: proposal.id, status: "PENDING" },
          after: { status: "APPROVED", amountFen: proposal.amountFen, transferId: paid.transferId },
        });
        return { amountFen: proposal.amountFen, transferId: paid.transferId };
      },
    );
    return { result, rows };
  });
  await deliverNotifications(rows);
  return result;
}

/** Finance refuses with a reason: nothing moves, and the amount may be proposed again. */
export async function refuseDisbursement(
  actor: Actor,
  input: { proposalId: string; reason: string },
  now: Date = new Date(),
): Promise<void> {
  requireCan(actor, "programme.cosign");
  await db.$transaction(async (tx) => {
    const { application, proposal } = await lockProposal(tx, input.proposalId);
    if (proposal.status !== "PENDING") throw new DomainError("cosign.proposal_decided");
    await tx.disbursementProposal.update({
      where: { id: proposal.id },
      data: { status: "REFUSED", decidedById: actor.id, decidedAt: now, refusalReason: input.reason },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.disbursement_refused",
      subjectType: "ProgrammeApplication",
      subjectId: application.id,
      before: { proposalId: proposal.id, status: "PENDING" },
      after: { status: "REFUSED", reason: input.reason },
    });
  });
}

/**
 * One of the finance officer's actions on an application, as the route parsed it; returns the
 * toast. 停拨 and its lifting are the sanctions module's (the same Sanction rows the science
 * bureau writes), so both bureaus see one record of who stopped the money and why.
 */
export async function performFinanceIntent(
  actor: Actor,
  applicationId: string,
  intent: FinanceIntent,
  meta: RequestMeta = {},
): Promise<{ message: MessageKey; params?: Params }> {
  switch (intent.intent) {
    case "approve": {
      await assertProposalOf(intent.proposalId, applicationId);
      const paid = await approveDisbursement(actor, intent);
      return { message: "cosign.toast.approved", params: { amount: moneyText(paid.amountFen) } };
    }
    case "refuse":
      await assertProposalOf(intent.proposalId, applicationId);
      await refuseDisbursement(actor, intent);
      return { message: "cosign.toast.refused" };
    case "agree":
    case "disagree":
      await signEvaluation(actor, applicationId, { agree: intent.intent === "agree", note: intent.note });
      return { message: intent.intent === "agree" ? "cosign.toast.agreed" : "cosign.toast.disagreed" };
    case "stop":
      await suspend(actor, applicationId, intent.reason, meta);
      return { message: "cosign.toast.stopped" };
    case "resume": {
      const sanction = await db.sanction.findUnique({
        where: { id: intent.sanctionId },
        select: { programmeApplicationId: true },
      });
      if (sanction?.programmeApplicationId !== applicationId) throw new DomainError("sanction.not_found");
      await lift(actor, intent.sanctionId, intent.reason, meta);
      return { message: "cosign.toast.resumed" };
    }
  }
}

/** A form on one application's page acts on that application's proposals only. */
async function assertProposalOf(proposalId: string, applicationId: string) {
  const proposal = await db.disbursementProposal.findUnique({
    where: { id: proposalId },
    select: { applicationId: true },
  });
  if (proposal?.applicationId !== applicationId) throw new DomainError("cosign.proposal_not_found");
}
