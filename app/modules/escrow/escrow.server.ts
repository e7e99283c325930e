import { type Tx, type Unit } from "~/db.server";
import type { AgreementStatus } from "~/generated/prisma/enums";
import { MILESTONE_TRANSITIONS } from "./escrow.states";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { ensureWallet, escrowId, transfer } from "~/modules/ledger/ledger.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { moneyParam } from "~/i18n/format";
import { payIntoEscrow } from "./escrow-funding.server";
import { assertMaySpend } from "~/modules/wallet/wallet-owners.server";
import { assertTransition } from "~/utils/state-machine";
import { MAX_SUBMISSION_FILES } from "./escrow.schema";
import { payeeWallet, payerWallet } from "./parties";
import {
  actsForPayer,
  actsForPayee,
  onPayeeSide,
  assertInForce,
  recipients,
  notices,
  inTransaction,
  lockMilestone,
  moveMilestone,
  moveAgreement,
  completeIfDone,
  escrowBalance,
  release,
} from "./escrow.core.server";
import { refundToPayers } from "./escrow.refunds.server";

/**
 * Milestones and their escrow (DESIGN §2.5, §3, §4). Money moves only through `transfer`, inside
 * one transaction per action that first locks the agreement row and then the milestone row, in
 * that order everywhere, so two requests on one agreement run one after the other and never
 * deadlock. Every money-moving action runs under an idempotency key.
 *
 * This file holds the commands of a milestone's life; the shared steps are in escrow.core.server.ts
 * and it re-exports the refunds, co-funded shares, the job and the read models, so callers keep
 * importing from here.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The answer to a request whose outcome another request of the same side reached first (the same
 * person's other tab, a colleague): the transfer that did it, and nothing moved now. The one who
 * lost the race sees what they asked for instead of an error.
 */
async function alreadyDone(
  tx: Tx,
  milestone: { id: string; status: string; amountFen: number; agreement: { status: AgreementStatus } },
  reason: "MILESTONE_FUND" | "MILESTONE_RELEASE",
) {
  const earlier = await tx.ledgerTransfer.findFirst({
    where: { milestoneId: milestone.id, reason },
    orderBy: { createdAt: "desc" },
    select: { id: true, amountFen: true },
  });
  return {
    milestoneId: milestone.id,
    status: milestone.status,
    transferId: earlier?.id ?? "",
    amountFen: earlier?.amountFen ?? milestone.amountFen,
    agreementStatus: milestone.agreement.status,
    alreadyDone: true,
  };
}

/** The paying side moves the milestone's amount from its wallet into the milestone's escrow. */
export async function fundMilestone(actor: Actor, milestoneId: string, key: string, meta: RequestMeta = {}) {
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.fund", request: { milestoneId } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        const { agreement } = milestone;
        if (!actsForPayer(actor, agreement)) throw new DomainError("escrow.wrong_side");
        // Funded already by this side (another tab, a colleague): the money is in escrow as asked.
        if (milestone.status === "FUNDED") return alreadyDone(tx, milestone, "MILESTONE_FUND");
        if (agreement.status !== "ACTIVE") throw new DomainError("escrow.agreement_not_active");
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "FUNDED", "escrow.invalid_transition");
        // A co-funded milestone is funded share by share (fundShare), never in one go from this wallet.
        if ((await tx.milestoneFunder.count({ where: { milestoneId: milestone.id } })) > 0)
          throw new DomainError("cofunding.use_shares");
        // The paying side decides to fund; its organisation's money moves only by a finance member's hand.
        await assertMaySpend(actor, payerWallet(agreement), tx);
        const from = await ensureWallet(tx, payerWallet(agreement));
        const transferId = await payIntoEscrow(
          tx,
          {
            from,
            amountFen: milestone.amountFen,
            agreementId: agreement.id,
            milestoneId: milestone.id,
            actorId: actor.id,
          },
          { code: "escrow.insufficient_funds", ledgerCodes: ["ledger.insufficient_funds"] },
        );
        await moveMilestone(
          tx,
          milestone,
          "FUNDED",
          { fundedAt: new Date() },
          { actorId: actor.id, ip: meta.ip, extra: { transferId } },
        );
        await enqueueEvent(tx, {
          organisationIds: [agreement.payerOrganisationId, agreement.payeeOrganisationId],
          event: "milestone.funded",
          payload: {
            milestoneId: milestone.id,
            agreementId: agreement.id,
            title: milestone.title,
            amountFen: milestone.amountFen,
            status: "FUNDED",
            occurredAt: new Date().toISOString(),
          },
        });
        notify(notices(await recipients(tx, agreement, "payee", actor.id), "milestone.funded", milestone));
        return { milestoneId: milestone.id, status: "FUNDED", transferId, amountFen: milestone.amountFen };
      },
    ),
  );
  return result;
}

/**
 * The expert delivers: a note and photos. The photos are stored before the transaction (files
 * cannot join it) and removed again if it fails. The review window starts now.
 */
export async function submitMilestone(
  actor: Actor,
  milestoneId: string,
  input: { note: string; files: File[] },
  meta: RequestMeta = {},
  unit?: Unit,
) {
  if (input.files.length > MAX_SUBMISSION_FILES)
    throw new DomainError("upload.too_many", { max: MAX_SUBMISSION_FILES });
  const stored: { id: string; name: string }[] = [];
  try {
    for (const file of input.files)
      stored.push({ id: (await storeImage({ ownerId: actor.id, file })).id, name: file.name.slice(0, 200) });
    return await inTransaction(async (tx, notify) => {
      const milestone = await lockMilestone(tx, milestoneId);
      const { agreement } = milestone;
      if (!actsForPayee(actor, agreement)) throw new DomainError("escrow.wrong_side");
      assertTransition(MILESTONE_TRANSITIONS, milestone.status, "SUBMITTED", "escrow.invalid_transition");
      assertInForce(agreement.status);
      const submission = await tx.milestoneSubmission.create({
        data: {
          milestoneId: milestone.id,
          note: input.note,
          submittedById: actor.id,
          files: { create: stored.map((file) => ({ uploadId: file.id, name: file.name })) },
        },
        select: { id: true },
      });
      const now = new Date();
      const reviewDueAt = new Date(now.getTime() + agreement.reviewWindowDays * DAY_MS);
      await moveMilestone(
        tx,
        milestone,
        "SUBMITTED",
        { submittedAt: now, reviewDueAt },
        { actorId: actor.id, ip: meta.ip, extra: { submissionId: submission.id, files: stored.length } },
      );
      notify(notices(await recipients(tx, agreement, "payer", actor.id), "milestone.submitted", milestone));
      return { submissionId: submission.id, reviewDueAt: reviewDueAt.toISOString() };
    }, unit);
  } catch (error) {
    await Promise.all(stored.map((file) => deleteUpload(file.id).catch(() => undefined)));
    throw error;
  }
}

/** The paying side accepts the delivery: escrow → the expert. */
export async function acceptMilestone(
  actor: Actor,
  milestoneId: string,
  key: string,
  meta: RequestMeta = {},
) {
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.accept", request: { milestoneId } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        if (!actsForPayer(actor, milestone.agreement)) throw new DomainError("escrow.wrong_side");
        // Accepted already (the same person's other tab, a colleague): what was asked for holds.
        if (milestone.status === "RELEASED") return alreadyDone(tx, milestone, "MILESTONE_RELEASE");
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "RELEASED", "escrow.invalid_transition");
        assertInForce(milestone.agreement.status);
        const released = await release(tx, milestone, { actorId: actor.id, ip: meta.ip }, false);
        notify(
          notices(
            await recipients(tx, milestone.agreement, "payee", actor.id),
            "milestone.released",
            milestone,
          ),
        );
        return released;
      },
    ),
  );
  return result;
}

/** The paying side sends the delivery back with a reason; the expert may deliver again. */
export async function rejectMilestone(
  actor: Actor,
  milestoneId: string,
  reason: string,
  meta: RequestMeta = {},
  unit?: Unit,
) {
  await inTransaction(async (tx, notify) => {
    const milestone = await lockMilestone(tx, milestoneId);
    if (!actsForPayer(actor, milestone.agreement)) throw new DomainError("escrow.wrong_side");
    assertTransition(MILESTONE_TRANSITIONS, milestone.status, "REJECTED", "escrow.invalid_transition");
    assertInForce(milestone.agreement.status);
    await moveMilestone(
      tx,
      milestone,
      "REJECTED",
      { rejectionReason: reason, reviewDueAt: null },
      { actorId: actor.id, ip: meta.ip },
    );
    notify(
      notices(await recipients(tx, milestone.agreement, "payee", actor.id), "milestone.rejected", milestone, {
        reason,
      }),
    );
  }, unit);
}

/** Either side stops the milestone for the bureau to rule on; the agreement is DISPUTED meanwhile. */
export async function disputeMilestone(
  actor: Actor,
  milestoneId: string,
  reason: string,
  meta: RequestMeta = {},
  unit?: Unit,
) {
  await inTransaction(async (tx, notify) => {
    const milestone = await lockMilestone(tx, milestoneId);
    const { agreement } = milestone;
    const payer = actsForPayer(actor, agreement);
    if (!payer && !onPayeeSide(actor, agreement)) throw new DomainError("escrow.wrong_side");
    assertTransition(MILESTONE_TRANSITIONS, milestone.status, "DISPUTED", "escrow.invalid_transition");
    assertInForce(agreement.status);
    await moveMilestone(
      tx,
      milestone,
      "DISPUTED",
      { disputedAt: new Date(), disputeReason: reason, reviewDueAt: null },
      { actorId: actor.id, ip: meta.ip },
    );
    if (agreement.status === "ACTIVE")
      await moveAgreement(tx, agreement.id, "ACTIVE", "DISPUTED", actor.id, `milestone:${milestone.id}`);
    notify(
      notices(
        await recipients(tx, agreement, payer ? "payee" : "payer", actor.id),
        "milestone.disputed",
        milestone,
      ),
    );
  }, unit);
}

/**
 * Bureau staff rule on a dispute: `payeeFen` of the escrow to the expert, the rest back to the
 * payer. The agreement is ACTIVE again once no other milestone is disputed.
 */
export async function resolveDispute(
  actor: Actor,
  milestoneId: string,
  ruling: { payeeFen: number; note: string },
  key: string,
  meta: RequestMeta = {},
) {
  if (!can(actor, "dispute.resolve")) throw new DomainError("escrow.wrong_side");
  const { result } = await inTransaction((tx, notify) =>
    idempotent(
      tx,
      { actorId: actor.id, key, scope: "milestone.resolve", request: { milestoneId, ...ruling } },
      async () => {
        const milestone = await lockMilestone(tx, milestoneId);
        const { agreement } = milestone;
        assertTransition(MILESTONE_TRANSITIONS, milestone.status, "RESOLVED", "escrow.invalid_transition");
        const held = await escrowBalance(tx, milestone.id);
        if (!Number.isSafeInteger(ruling.payeeFen) || ruling.payeeFen < 0 || ruling.payeeFen > held) {
          throw new DomainError("escrow.split_out_of_range", { max: moneyParam(held) });
        }
        const refundFen = held - ruling.payeeFen;
        const common = {
          from: escrowId(milestone.id),
          agreementId: agreement.id,
          milestoneId: milestone.id,
          actorId: actor.id,
        };
        if (ruling.payeeFen > 0)
          await transfer(tx, {
            ...common,
            to: await ensureWallet(tx, payeeWallet(agreement)),
            amountFen: ruling.payeeFen,
            reason: "DISPUTE_RELEASE",
          });
        // The refund goes back to whoever paid: the payer, or each co-payer its part by share.
        const refunds =
          refundFen > 0 ? await refundToPayers(tx, milestone, refundFen, "DISPUTE_REFUND", actor.id) : [];
        await moveMilestone(
          tx,
          milestone,
          "RESOLVED",
          {
            resolvedAt: new Date(),
            resolvedById: actor.id,
            resolutionPayeeFen: ruling.payeeFen,
            resolutionNote: ruling.note,
          },
          {
            actorId: actor.id,
            ip: meta.ip,
            extra: { refundFen, ...(refunds.length > 1 ? { refunds } : {}) },
          },
        );

        let status = agreement.status;
        const stillDisputed = await tx.milestone.count({
          where: { agreementId: agreement.id, status: "DISPUTED" },
        });
        if (status === "DISPUTED" && stillDisputed === 0) {
          await moveAgreement(tx, agreement.id, "DISPUTED", "ACTIVE", actor.id, `milestone:${milestone.id}`);
          status = "ACTIVE";
        }
        status = await completeIfDone(tx, agreement.id, status, actor.id);
        notify(notices(await recipients(tx, agreement, "both", actor.id), "milestone.resolved", milestone));
        return {
          milestoneId: milestone.id,
          status: "RESOLVED",
          payeeFen: ruling.payeeFen,
          refundFen,
          agreementStatus: status,
        };
      },
    ),
  );
  return result;
}

export { refundFundedMilestones } from "./escrow.refunds.server";
export { fundShare } from "./escrow.cofunded.server";
export { releaseDueMilestones, startEscrowJobs } from "./escrow.jobs.server";
export {
  canReadMilestoneFile,
  getMilestonesView,
  isMilestoneFile,
  listOpenDisputes,
  milestoneFileUrl,
  type MilestoneFileView,
  type MilestoneView,
} from "./escrow.queries.server";
export { actsForPayee, actsForPayer } from "./escrow.core.server";
