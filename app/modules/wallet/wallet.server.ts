import { db } from "~/db.server";
import { walletHref } from "./wallet-links";
import { walletId } from "~/modules/ledger/ledger.server";
import type { Actor } from "~/modules/users/permissions";
import { WALLET_MANAGING_ROLES } from "./wallet-owners.server";

export { walletHref };

export interface WalletSummary {
  accountId: string;
  /** The organisation's name, or null for the person's own wallet. */
  organisationName: string | null;
  balanceFen: number;
}

/** The person's own wallet, then those of the organisations they manage, with balances. */
export async function myAccounts(actor: Actor): Promise<WalletSummary[]> {
  const organisationIds = actor.memberships
    .filter((m) => WALLET_MANAGING_ROLES.includes(m.role))
    .map((m) => m.organisationId);
  const organisations = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const wallets = [
    { accountId: walletId({ userId: actor.id }), organisationName: null },
    ...organisations.map((org) => ({
      accountId: walletId({ organisationId: org.id }),
      organisationName: org.name,
    })),
  ];
  const accounts = await db.ledgerAccount.findMany({
    where: { id: { in: wallets.map((w) => w.accountId) } },
    select: { id: true, balanceFen: true },
  });
  const balances = new Map(accounts.map((account) => [account.id, Number(account.balanceFen)]));
  return wallets.map((wallet) => ({ ...wallet, balanceFen: balances.get(wallet.accountId) ?? 0 }));
}

// Deposits, withdrawals and statements live in their own files; routes and the API import them from here.
export { WITHDRAWAL_TRANSITIONS } from "./wallet.states";
export {
  WALLET_MANAGING_ROLES,
  parseWalletId,
  canManageWallet,
  canViewAccount,
} from "./wallet-owners.server";
export { recordOfflineDeposit } from "./deposits.server";
export { requestWithdrawal, markWithdrawalPaid, rejectWithdrawal } from "./withdrawals.server";
export { describeAccounts, getAccountStatement, statementCsv } from "./statements.server";
export { listWithdrawals, getFinanceDesk } from "./withdrawals.queries.server";
