import { db } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { describeAccounts } from "./statements.server";

const withdrawalSelect = {
  id: true,
  accountId: true,
  amountFen: true,
  bankName: true,
  accountName: true,
  accountNumberTail: true,
  status: true,
  rejectReason: true,
  bankReference: true,
  createdAt: true,
  decidedAt: true,
  requestedById: true,
} as const;
/** The finance desk also sees the full account number of a pending withdrawal: it pays to it. */
const deskWithdrawalSelect = { ...withdrawalSelect, accountNumber: true } as const;

/** The latest withdrawal requests from the given wallets (the holder's own list). */
export function listWithdrawals(accountIds: string[], take = 20) {
  return db.withdrawalRequest.findMany({
    where: { accountId: { in: accountIds } },
    orderBy: { createdAt: "desc" },
    take,
    select: withdrawalSelect,
  });
}

/** What the finance desk works on: withdrawals waiting to be paid (oldest first) and recent deposits. */
export async function getFinanceDesk(actor: Actor, locale: Locale) {
  if (!can(actor, "finance.manage")) throw new DomainError("wallet.forbidden");
  const [pending, deposits] = await Promise.all([
    db.withdrawalRequest.findMany({
      where: { status: "REQUESTED" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: deskWithdrawalSelect,
    }),
    db.offlineDeposit.findMany({
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        accountId: true,
        amountFen: true,
        bankReference: true,
        payerName: true,
        note: true,
        createdAt: true,
      },
    }),
  ]);
  const labels = await describeAccounts(
    [...pending.map((w) => w.accountId), ...deposits.map((d) => d.accountId)],
    locale,
  );
  const requesters = await db.user.findMany({
    where: { id: { in: pending.map((w) => w.requestedById) } },
    select: { id: true, displayName: true },
  });
  const requesterName = new Map(requesters.map((user) => [user.id, user.displayName]));
  // A wallet that owes a claw-back cannot be paid out: the desk shows why before anyone presses.
  const debts = await db.ledgerDebt.groupBy({
    by: ["debtorAccountId"],
    where: { debtorAccountId: { in: pending.map((w) => w.accountId) }, owedFen: { gt: 0 } },
    _sum: { owedFen: true },
  });
  const owed = new Map(debts.map((debt) => [debt.debtorAccountId, debt._sum.owedFen ?? 0]));
  return {
    pending: pending.map((w) => ({
      ...w,
      accountLabel: labels.get(w.accountId)!,
      requestedBy: requesterName.get(w.requestedById) ?? "",
      owedFen: owed.get(w.accountId) ?? 0,
    })),
    deposits: deposits.map((d) => ({ ...d, accountLabel: labels.get(d.accountId)! })),
  };
}
