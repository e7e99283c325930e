import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import {
  CLEARING,
  ensureAccount,
  ensureWallet,
  owedBy,
  transfer,
  withdrawalHoldId,
} from "~/modules/ledger/ledger.server";
import { type createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError, isDomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import type { WithdrawalInput } from "./wallet.schema";
import {
  canManageWallet,
  parseWalletId,
  ownerFields,
  moneyText,
  notifyHolders,
} from "./wallet-owners.server";
import { WITHDRAWAL_TRANSITIONS } from "./wallet.states";
import type { RequestMeta } from "~/utils/request.server";

/**
 * A wallet holder asks for money to be paid out to a bank account. The amount moves into the
 * request's own hold account at once, so it cannot be spent or withdrawn twice while staff pay it.
 * The full account number is kept only until staff pay or reject the withdrawal (they need it to
 * pay); the audit log and the ledger memo carry the last four digits only. Refused while the
 * wallet owes a claw-back (`wallet.debt_open`).
 */
export async function requestWithdrawal(
  actor: Actor,
  input: WithdrawalInput,
  key: string,
  meta: RequestMeta = {},
) {
  if (!(await canManageWallet(actor, input.accountId))) throw new DomainError("wallet.forbidden");
  const owner = parseWalletId(input.accountId)!;
  const request = {
    accountId: input.accountId,
    amountFen: input.amountFen,
    bankName: input.bankName,
    accountName: input.accountName,
    accountNumberTail: input.accountNumber.slice(-4),
  };
  const { result } = await db.$transaction((tx) =>
    idempotent(tx, { actorId: actor.id, key, scope: "wallet.withdraw", request }, async () => {
      if ((await owedBy(request.accountId, tx)) > 0) throw new DomainError("wallet.debt_open");
      const withdrawal = await tx.withdrawalRequest.create({
        data: { ...request, accountNumber: input.accountNumber, requestedById: actor.id },
        select: { id: true },
      });
      await ensureWallet(tx, owner);
      const hold = await ensureAccount(tx, {
        id: withdrawalHoldId(withdrawal.id),
        kind: "WITHDRAWAL",
        ...ownerFields(owner),
      });
      const moved = await transfer(tx, {
        from: request.accountId,
        to: hold,
        amountFen: request.amountFen,
        reason: "WITHDRAWAL_HOLD",
        memo: `${request.bankName} ****${request.accountNumberTail}`,
        actorId: actor.id,
      }).catch((error: unknown) => {
        // A claw-back recorded since the check above: the ledger refused, say why.
        if (isDomainError(error) && error.code === "ledger.debt_open")
          throw new DomainError("wallet.debt_open");
        throw error;
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "wallet.withdrawal_requested",
        subjectType: "WithdrawalRequest",
        subjectId: withdrawal.id,
        after: { ...request, status: "REQUESTED", transferId: moved.id },
        ip: meta.ip,
      });
      return { withdrawalId: withdrawal.id };
    }),
  );
  return result;
}

type Decision = { status: "PAID"; bankReference: string } | { status: "REJECTED"; reason: string };

/**
 * Finance staff settle a withdrawal: paid (the hold goes to the clearing account, i.e. out of the
 * platform's bank account) or rejected (the hold returns to the wallet). The row lock makes two
 * decisions racing give one; a second decision with a new key is refused as already decided.
 * No payout while the wallet owes a claw-back (`wallet.debt_open`); a rejection is still allowed,
 * since it returns the money to the wallet, where it pays the debt.
 */
async function decideWithdrawal(
  staff: Actor,
  withdrawalId: string,
  decision: Decision,
  key: string,
  meta: RequestMeta,
) {
  if (!can(staff, "finance.manage")) throw new DomainError("wallet.forbidden");
  const { result, rows } = await db.$transaction(async (tx) => {
    let rows: Awaited<ReturnType<typeof createNotifications>> = [];
    const { result } = await idempotent(
      tx,
      {
        actorId: staff.id,
        key,
        scope: `wallet.withdrawal.${decision.status}`,
        request: { withdrawalId, ...decision },
      },
      async () => {
        await tx.$queryRaw`SELECT id FROM "WithdrawalRequest" WHERE id = ${withdrawalId} FOR UPDATE`;
        const withdrawal = await tx.withdrawalRequest.findUnique({
          where: { id: withdrawalId },
          select: { id: true, accountId: true, amountFen: true, status: true },
        });
        if (!withdrawal) throw new DomainError("wallet.withdrawal_not_found");
        // A claw-back took it while the desk had it open: say so, so nobody pays it at the bank.
        if (withdrawal.status === "SEIZED") throw new DomainError("wallet.withdrawal_seized");
        assertTransition(
          WITHDRAWAL_TRANSITIONS,
          withdrawal.status,
          decision.status,
          "wallet.withdrawal_decided",
        );
        const owner = parseWalletId(withdrawal.accountId)!;
        const paid = decision.status === "PAID";
        if (paid && (await owedBy(withdrawal.accountId, tx)) > 0) throw new DomainError("wallet.debt_open");
        const moved = await transfer(tx, {
          from: withdrawalHoldId(withdrawal.id),
          to: paid ? CLEARING : withdrawal.accountId,
          amountFen: withdrawal.amountFen,
          reason: paid ? "WITHDRAWAL_PAID" : "WITHDRAWAL_RETURNED",
          memo: paid ? decision.bankReference : decision.reason,
          actorId: staff.id,
        });
        await tx.withdrawalRequest.update({
          where: { id: withdrawal.id },
          // Decided: the full account number is no longer needed, so it is erased.
          data: {
            status: decision.status,
            accountNumber: null,
            decidedById: staff.id,
            decidedAt: new Date(),
            ...(paid ? { bankReference: decision.bankReference } : { rejectReason: decision.reason }),
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: paid ? "wallet.withdrawal_paid" : "wallet.withdrawal_rejected",
          subjectType: "WithdrawalRequest",
          subjectId: withdrawal.id,
          before: { status: withdrawal.status },
          after: { ...decision, transferId: moved.id },
          ip: meta.ip,
        });
        const amount = moneyText(withdrawal.amountFen);
        rows = await notifyHolders(
          tx,
          owner,
          withdrawal.accountId,
          paid
            ? { type: "wallet.withdrawal_paid", params: { amount } }
            : { type: "wallet.withdrawal_rejected", params: { amount, reason: decision.reason } },
        );
        return { withdrawalId: withdrawal.id, transferId: moved.id };
      },
    );
    return { result, rows };
  });
  await deliverNotifications(rows);
  return result;
}

export function markWithdrawalPaid(
  staff: Actor,
  withdrawalId: string,
  bankReference: string,
  key: string,
  meta: RequestMeta = {},
) {
  return decideWithdrawal(staff, withdrawalId, { status: "PAID", bankReference }, key, meta);
}

export function rejectWithdrawal(
  staff: Actor,
  withdrawalId: string,
  reason: string,
  key: string,
  meta: RequestMeta = {},
) {
  return decideWithdrawal(staff, withdrawalId, { status: "REJECTED", reason }, key, meta);
}

/**
 * A claw-back takes held withdrawals before they are paid: oldest first, whole holds, until
 * `neededFen` is freed. Each hold returns to the wallet (where it pays older debts first) and its
 * request becomes SEIZED. Locks the requests, so a payout racing this waits and then sees SEIZED.
 * Returns the fen freed.
 */
export async function seizeHeldWithdrawals(
  tx: Tx,
  accountId: string,
  neededFen: number,
  actorId: string,
  reason: string,
): Promise<number> {
  const held = await tx.$queryRaw<{ id: string; amountFen: number }[]>`
    SELECT id, "amountFen" FROM "WithdrawalRequest"
    WHERE "accountId" = ${accountId} AND status = 'REQUESTED'
    ORDER BY "createdAt", id FOR UPDATE`;
  let freed = 0;
  for (const withdrawal of held) {
    if (freed >= neededFen) break;
    const moved = await transfer(tx, {
      from: withdrawalHoldId(withdrawal.id),
      to: accountId,
      amountFen: withdrawal.amountFen,
      reason: "WITHDRAWAL_RETURNED",
      memo: reason,
      actorId,
    });
    await tx.withdrawalRequest.update({
      where: { id: withdrawal.id },
      data: { status: "SEIZED", accountNumber: null, decidedById: actorId, decidedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "wallet.withdrawal_seized",
      subjectType: "WithdrawalRequest",
      subjectId: withdrawal.id,
      before: { status: "REQUESTED" },
      after: { status: "SEIZED", reason, transferId: moved.id },
    });
    freed += withdrawal.amountFen;
  }
  return freed;
}
