import { db, isUniqueViolation, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { CLEARING, ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import { type createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { DepositInput } from "./wallet.schema";
import { parseWalletId, ownerExists, notifyHolders, moneyText } from "./wallet-owners.server";
import type { RequestMeta } from "~/utils/request.server";

/**
 * 线下转账登记: finance staff record a bank transfer received and credit the wallet it names.
 * One deposit per bank reference, so the same transfer can never be credited twice, whoever
 * records it and with whatever key.
 */
export async function recordOfflineDeposit(
  staff: Actor,
  input: DepositInput,
  key: string,
  meta: RequestMeta = {},
) {
  if (!can(staff, "finance.manage")) throw new DomainError("wallet.forbidden");
  const owner = parseWalletId(input.accountId);
  if (!owner || !(await ownerExists(owner))) throw new DomainError("wallet.not_a_wallet");
  const request = {
    accountId: input.accountId,
    amountFen: input.amountFen,
    bankReference: input.bankReference,
    payerName: input.payerName,
    note: input.note ?? "",
  };
  try {
    const { result, rows } = await db.$transaction(async (tx) => {
      let rows: Awaited<ReturnType<typeof createNotifications>> = [];
      const { result } = await idempotent(
        tx,
        { actorId: staff.id, key, scope: "wallet.deposit", request },
        async () => {
          const credited = await creditOfflineDeposit(tx, staff.id, request, meta);
          rows = credited.notifications;
          return { depositId: credited.depositId, transferId: credited.transferId };
        },
      );
      return { result, rows };
    });
    await deliverNotifications(rows);
    return result;
  } catch (error) {
    // Two staff recording the same transfer at once: the unique index lets one through.
    if (isUniqueViolation(error)) throw new DomainError("wallet.bank_reference_used");
    throw error;
  }
}

export interface OfflineDepositRecord {
  accountId: string;
  amountFen: number;
  bankReference: string;
  payerName: string;
  note: string;
}

/**
 * What recording an offline deposit writes, inside the caller's transaction: the DEPOSIT transfer
 * from clearing, its OfflineDeposit row, the audit entry and the holders' notifications (returned
 * for the caller to deliver once committed). The caller has checked the recorder's permission and
 * that the wallet's owner exists; the demo seed records its deposits through here too.
 */
export async function creditOfflineDeposit(
  tx: Tx,
  recordedById: string,
  request: OfflineDepositRecord,
  meta: RequestMeta = {},
) {
  const owner = parseWalletId(request.accountId);
  if (!owner) throw new DomainError("wallet.not_a_wallet");
  const used = await tx.offlineDeposit.findUnique({
    where: { bankReference: request.bankReference },
    select: { id: true },
  });
  if (used) throw new DomainError("wallet.bank_reference_used");
  await ensureWallet(tx, owner);
  const moved = await transfer(tx, {
    from: CLEARING,
    to: request.accountId,
    amountFen: request.amountFen,
    reason: "DEPOSIT",
    memo: `${request.payerName} ${request.bankReference}`,
    actorId: recordedById,
  });
  const deposit = await tx.offlineDeposit.create({
    data: { ...request, recordedById, transferId: moved.id },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: recordedById,
    action: "wallet.deposit_recorded",
    subjectType: "OfflineDeposit",
    subjectId: deposit.id,
    after: { ...request, transferId: moved.id },
    ip: meta.ip,
  });
  const notifications = await notifyHolders(tx, owner, request.accountId, {
    type: "wallet.deposit",
    params: { amount: moneyText(request.amountFen) },
  });
  return { depositId: deposit.id, transferId: moved.id, notifications };
}
