import { type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureWallet, escrowId, transfer } from "~/modules/ledger/ledger.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { DomainError } from "~/utils/errors";
import { splitByShares } from "./shares";
import { payerWallet } from "./parties";
import {
  agreementSelect,
  milestoneSelect,
  recipients,
  notices,
  lockAgreement,
  type LockedMilestone,
  moveMilestone,
  escrowBalance,
} from "./escrow.core.server";

/**
 * For terminating an agreement, inside the caller's transaction: returns the escrow of every
 * FUNDED or REJECTED milestone to the payer. Refuses while a milestone awaits review or a ruling.
 * Returns what it refunded and the notification `rows` it wrote; the caller delivers them
 * (deliverNotifications) after its commit. Leaves the agreement's status to the caller.
 */
export async function refundFundedMilestones(tx: Tx, agreementId: string, actorId: string) {
  await lockAgreement(tx, agreementId);
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, select: agreementSelect });
  if (!agreement) throw new DomainError("escrow.not_found");
  await tx.$queryRaw`SELECT id FROM "Milestone" WHERE "agreementId" = ${agreementId} ORDER BY id FOR UPDATE`;
  const milestones = await tx.milestone.findMany({
    where: { agreementId },
    select: milestoneSelect,
    orderBy: { position: "asc" },
  });
  if (milestones.some((m) => m.status === "SUBMITTED" || m.status === "DISPUTED"))
    throw new DomainError("escrow.cannot_terminate");

  const refunded: { milestoneId: string; amountFen: number }[] = [];
  const items: NewNotification[] = [];
  const people = await recipients(tx, agreement, "both", actorId);
  for (const milestone of milestones.filter((m) => m.status === "FUNDED" || m.status === "REJECTED")) {
    const amountFen = await escrowBalance(tx, milestone.id);
    // Back to whoever paid: the payer, or each co-payer its part by share.
    const refunds =
      amountFen > 0 ? await refundToPayers(tx, milestone, amountFen, "MILESTONE_REFUND", actorId) : [];
    await moveMilestone(
      tx,
      milestone,
      "REFUNDED",
      { refundedAt: new Date(), reviewDueAt: null },
      {
        actorId,
        extra: { transferId: refunds[0]?.transferId, amountFen, ...(refunds.length > 1 ? { refunds } : {}) },
      },
    );
    refunded.push({ milestoneId: milestone.id, amountFen });
    items.push(...notices(people, "milestone.refunded", milestone));
  }
  for (const milestone of milestones.filter((m) => m.status === "PLANNED")) {
    const amountFen = await refundPaidShares(tx, milestone, actorId);
    if (amountFen === 0) continue;
    refunded.push({ milestoneId: milestone.id, amountFen });
    items.push(...notices(people, "milestone.refunded", milestone));
  }
  return { refunded, rows: await createNotifications(tx, items) };
}

/**
 * Sends `amountFen` of a locked milestone's escrow back to whoever paid it: the agreement's payer,
 * or for a co-funded milestone each payer its part by `splitByShares` (floor of the proportion,
 * leftover fen to the largest remainders, ties to the lower position). Returns the transfers.
 */
export async function refundToPayers(
  tx: Tx,
  milestone: LockedMilestone,
  amountFen: number,
  reason: "MILESTONE_REFUND" | "DISPUTE_REFUND",
  actorId: string | null,
) {
  const funders = await tx.milestoneFunder.findMany({
    where: { milestoneId: milestone.id },
    orderBy: { position: "asc" },
    select: { id: true, accountId: true, shareFen: true },
  });
  const parts =
    funders.length === 0
      ? [{ accountId: await ensureWallet(tx, payerWallet(milestone.agreement)), amountFen }]
      : splitByShares(amountFen, funders).map((part, index) => ({
          accountId: funders[index]!.accountId,
          amountFen: part.amountFen,
        }));
  const done: { accountId: string; amountFen: number; transferId: string }[] = [];
  for (const part of parts.filter((p) => p.amountFen > 0)) {
    const { id } = await transfer(tx, {
      from: escrowId(milestone.id),
      to: part.accountId,
      amountFen: part.amountFen,
      reason,
      agreementId: milestone.agreement.id,
      milestoneId: milestone.id,
      actorId,
    });
    done.push({ ...part, transferId: id });
  }
  return done;
}

/**
 * Termination of a co-funded milestone that some payers have funded and others not (still
 * PLANNED): each funded share goes back exactly as it came. The milestone stays PLANNED (nothing
 * else can happen to it once the agreement ends) with `refundedAt` set. Returns the fen refunded.
 */
async function refundPaidShares(tx: Tx, milestone: LockedMilestone, actorId: string) {
  if ((await escrowBalance(tx, milestone.id)) === 0) return 0;
  const paid = await tx.milestoneFunder.findMany({
    where: { milestoneId: milestone.id, fundedAt: { not: null } },
    orderBy: { position: "asc" },
    select: { accountId: true, shareFen: true },
  });
  const refunds: { accountId: string; amountFen: number; transferId: string }[] = [];
  for (const share of paid) {
    const { id } = await transfer(tx, {
      from: escrowId(milestone.id),
      to: share.accountId,
      amountFen: share.shareFen,
      reason: "MILESTONE_REFUND",
      agreementId: milestone.agreement.id,
      milestoneId: milestone.id,
      actorId,
    });
    refunds.push({ accountId: share.accountId, amountFen: share.shareFen, transferId: id });
  }
  const amountFen = refunds.reduce((sum, r) => sum + r.amountFen, 0);
  await tx.milestone.update({
    where: { id: milestone.id },
    data: { refundedAt: new Date() },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId,
    action: "milestone.shares_refunded",
    subjectType: "Milestone",
    subjectId: milestone.id,
    before: { status: milestone.status },
    after: { status: milestone.status, amountFen, refunds },
  });
  return amountFen;
}
