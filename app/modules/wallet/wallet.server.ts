import { db } from "~/db.server";
import { walletHref } from "./wallet-links";
import { walletId } from "~/modules/ledger/ledger.server";
import type { Actor } from "~/modules/users/permissions";
import { financeOrganisationIds } from "./wallet-owners.server";

export { walletHref };

export interface WalletSummary {
  accountId: string;
  /** The organisation's name, or null for the person's own wallet. */
  organisationName: string | null;
  balanceFen: number;
  /** Claw-backs still owed: while above zero nothing leaves the wallet. */
  owedFen: number;
  /** The organisation's id when the actor administers it (and so grants its finance permission). */
  administeredOrganisationId: string | null;
}

/** The person's own wallet, then those of the organisations whose finance they handle, with balances. */
export async function myAccounts(actor: Actor): Promise<WalletSummary[]> {
  const organisationIds = await financeOrganisationIds(actor);
  const organisations = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: {
      id: true,
      name: true,
      memberships: { where: { userId: actor.id }, select: { administrator: true } },
    },
    orderBy: { name: "asc" },
  });
  const wallets = [
    { accountId: walletId({ userId: actor.id }), organisationName: null, administeredOrganisationId: null },
    ...organisations.map((org) => ({
      accountId: walletId({ organisationId: org.id }),
      organisationName: org.name,
      administeredOrganisationId: org.memberships[0]?.administrator ? org.id : null,
    })),
  ];
  const accounts = await db.ledgerAccount.findMany({
    where: { id: { in: wallets.map((w) => w.accountId) } },
    select: { id: true, balanceFen: true },
  });
  const debts = await db.ledgerDebt.groupBy({
    by: ["debtorAccountId"],
    where: { debtorAccountId: { in: wallets.map((w) => w.accountId) }, owedFen: { gt: 0 } },
    _sum: { owedFen: true },
  });
  const balances = new Map(accounts.map((account) => [account.id, Number(account.balanceFen)]));
  const owed = new Map(debts.map((debt) => [debt.debtorAccountId, debt._sum.owedFen ?? 0]));
  return wallets.map((wallet) => ({
    ...wallet,
    balanceFen: balances.get(wallet.accountId) ?? 0,
    owedFen: owed.get(wallet.accountId) ?? 0,
  }));
}

// Deposits, withdrawals and statements live in their own files; routes and the API import them from here.
export { WITHDRAWAL_TRANSITIONS } from "./wallet.states";
export {
  WALLET_MANAGING_ROLES,
  parseWalletId,
  canManageWallet,
  canViewAccount,
  financeOrganisationIds,
} from "./wallet-owners.server";
export { grantFinance, listFinanceMembers } from "./finance-members.server";
export { recordOfflineDeposit } from "./deposits.server";
export { requestWithdrawal, markWithdrawalPaid, rejectWithdrawal } from "./withdrawals.server";
export { describeAccounts, getAccountStatement, statementCsv } from "./statements.server";
export { listWithdrawals, getFinanceDesk } from "./withdrawals.queries.server";
