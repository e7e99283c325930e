import { db, type Tx, isUniqueViolation } from "~/db.server";
import { walletHref } from "./wallet-links";
import type { Role, WithdrawalStatus } from "~/generated/prisma/enums";
import { formatMoney } from "~/i18n/format";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import {
  CLEARING,
  ensureAccount,
  ensureWallet,
  statement,
  transfer,
  walletId,
  withdrawalHoldId,
  type Owner,
} from "~/modules/ledger/ledger.server";
import type { StatementFilters } from "~/modules/ledger/ledger.schema";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, type Transitions } from "~/utils/state-machine";
import { toCsv } from "~/utils/csv";
import { luoyangDateTime } from "~/utils/dates";
import { fenToYuan } from "~/utils/money";
import type { DepositInput, WithdrawalInput } from "./wallet.schema";

/** Organisation roles whose members hold the organisation's wallet (deposit notices, withdrawals). */
export const WALLET_MANAGING_ROLES: readonly Role[] = ["VILLAGE", "INSTITUTION", "SPACE"];

export const WITHDRAWAL_TRANSITIONS: Transitions<WithdrawalStatus> = {
  REQUESTED: ["PAID", "REJECTED"],
  PAID: [],
  REJECTED: [],
};

interface Meta {
  ip?: string | null;
}

/** The owner a wallet account id names, or null when the id is not a wallet's. */
export function parseWalletId(accountId: string): Owner | null {
  const match = /^wallet:(user|org):([\w-]{1,64})$/.exec(accountId);
  if (!match) return null;
  return match[1] === "user" ? { userId: match[2]! } : { organisationId: match[2]! };
}

/** A person holds their own wallet and the wallets of organisations they manage. */
export function canManageWallet(actor: Actor, accountId: string): boolean {
  const owner = parseWalletId(accountId);
  if (!owner) return false;
  if ("userId" in owner) return owner.userId === actor.id;
  return actor.memberships.some(
    (m) => m.organisationId === owner.organisationId && WALLET_MANAGING_ROLES.includes(m.role),
  );
}

/** Statements are seen by the wallet's holders, finance staff, and the bureau (read-only). */
export function canViewAccount(actor: Actor, accountId: string): boolean {
  return canManageWallet(actor, accountId) || can(actor, "finance.manage") || can(actor, "finance.read");
}

function ownerFields(owner: Owner) {
  return "userId" in owner ? { userId: owner.userId } : { organisationId: owner.organisationId };
}

async function ownerExists(owner: Owner, client: Tx = db): Promise<boolean> {
  if ("userId" in owner)
    return Boolean(await client.user.findUnique({ where: { id: owner.userId }, select: { id: true } }));
  return Boolean(
    await client.organisation.findUnique({ where: { id: owner.organisationId }, select: { id: true } }),
  );
}

/** Who hears about money arriving in or leaving a wallet. */
async function walletHolders(tx: Tx, owner: Owner): Promise<string[]> {
  if ("userId" in owner) return [owner.userId];
  const members = await tx.membership.findMany({
    where: { organisationId: owner.organisationId, role: { in: [...WALLET_MANAGING_ROLES] } },
    select: { userId: true },
  });
  return members.map((member) => member.userId);
}

async function notifyHolders(
  tx: Tx,
  owner: Owner,
  accountId: string,
  notification: Omit<NewNotification, "userId" | "href">,
) {
  const holders = await walletHolders(tx, owner);
  return createNotifications(
    tx,
    holders.map((userId) => ({ ...notification, userId, href: walletHref(accountId) })),
  );
}

export { walletHref };

// Notification texts are stored once and read in either language; "¥1,234.50" reads in both.
const moneyText = (fen: number) => formatMoney("en", fen);

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

/**
 * 线下转账登记: finance staff record a bank transfer received and credit the wallet it names.
 * One deposit per bank reference, so the same transfer can never be credited twice, whoever
 * records it and with whatever key.
 */
export async function recordOfflineDeposit(staff: Actor, input: DepositInput, key: string, meta: Meta = {}) {
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
            actorId: staff.id,
          });
          const deposit = await tx.offlineDeposit.create({
            data: { ...request, recordedById: staff.id, transferId: moved.id },
            select: { id: true },
          });
          await recordAudit(tx, {
            actorId: staff.id,
            action: "wallet.deposit_recorded",
            subjectType: "OfflineDeposit",
            subjectId: deposit.id,
            after: { ...request, transferId: moved.id },
            ip: meta.ip,
          });
          rows = await notifyHolders(tx, owner, request.accountId, {
            type: "wallet.deposit",
            params: { amount: moneyText(request.amountFen) },
          });
          return { depositId: deposit.id, transferId: moved.id };
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

/**
 * A wallet holder asks for money to be paid out to a bank account. The amount moves into the
 * request's own hold account at once, so it cannot be spent or withdrawn twice while staff pay it.
 * The full account number is kept only until staff pay or reject the withdrawal (they need it to
 * pay); the audit log and the ledger memo carry the last four digits only.
 */
export async function requestWithdrawal(actor: Actor, input: WithdrawalInput, key: string, meta: Meta = {}) {
  if (!canManageWallet(actor, input.accountId)) throw new DomainError("wallet.forbidden");
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
 */
async function decideWithdrawal(
  staff: Actor,
  withdrawalId: string,
  decision: Decision,
  key: string,
  meta: Meta,
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
        assertTransition(
          WITHDRAWAL_TRANSITIONS,
          withdrawal.status,
          decision.status,
          "wallet.withdrawal_decided",
        );
        const owner = parseWalletId(withdrawal.accountId)!;
        const paid = decision.status === "PAID";
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
  meta: Meta = {},
) {
  return decideWithdrawal(staff, withdrawalId, { status: "PAID", bankReference }, key, meta);
}

export function rejectWithdrawal(
  staff: Actor,
  withdrawalId: string,
  reason: string,
  key: string,
  meta: Meta = {},
) {
  return decideWithdrawal(staff, withdrawalId, { status: "REJECTED", reason }, key, meta);
}

/**
 * Readable names for ledger accounts: a person's or organisation's name for a wallet, the
 * milestone for an escrow, words for the platform's own accounts.
 */
export async function describeAccounts(ids: string[], locale: Locale): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const suffixes = (prefix: string) =>
    unique.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  const [users, organisations, milestones] = await Promise.all([
    db.user.findMany({
      where: { id: { in: suffixes("wallet:user:") } },
      select: { id: true, displayName: true },
    }),
    db.organisation.findMany({
      where: { id: { in: suffixes("wallet:org:") } },
      select: { id: true, name: true },
    }),
    db.milestone.findMany({ where: { id: { in: suffixes("escrow:") } }, select: { id: true, title: true } }),
  ]);
  const names = new Map<string, string>([
    ...users.map((user) => [`wallet:user:${user.id}`, user.displayName] as const),
    ...organisations.map((org) => [`wallet:org:${org.id}`, org.name] as const),
    ...milestones.map(
      (milestone) =>
        [
          `escrow:${milestone.id}`,
          translate(locale, "wallet.account.escrow", { title: milestone.title }),
        ] as const,
    ),
  ]);
  const label = (id: string): string => {
    if (names.has(id)) return names.get(id)!;
    if (id === CLEARING) return translate(locale, "wallet.account.clearing");
    if (id.startsWith("withdrawal:")) return translate(locale, "wallet.account.withdrawal");
    if (id.startsWith("programme:")) return translate(locale, "wallet.account.programme");
    return id;
  };
  return new Map(unique.map((id) => [id, label(id)]));
}

/** The account a statement is asked for, after checking the viewer may see it. */
async function viewableAccount(actor: Actor, accountId: string) {
  if (!canViewAccount(actor, accountId)) throw new DomainError("wallet.forbidden");
  const account = await db.ledgerAccount.findUnique({
    where: { id: accountId },
    select: { id: true, kind: true, balanceFen: true },
  });
  if (account) return { id: account.id, kind: account.kind, balanceFen: Number(account.balanceFen) };
  // A wallet opens on first use; before that its statement is simply empty.
  const owner = parseWalletId(accountId);
  if (owner && (await ownerExists(owner))) return { id: accountId, kind: "WALLET" as const, balanceFen: 0 };
  throw new DomainError("wallet.not_found");
}

/** One page of an account's statement, newest first, with a running balance and readable names. */
export async function getAccountStatement(
  actor: Actor,
  accountId: string,
  filters: StatementFilters,
  locale: Locale,
) {
  const account = await viewableAccount(actor, accountId);
  const page = await statement(accountId, filters);
  const labels = await describeAccounts([accountId, ...page.lines.map((line) => line.counterparty)], locale);
  return {
    account: { ...account, label: labels.get(accountId)!, canManage: canManageWallet(actor, accountId) },
    lines: page.lines.map((line) => ({ ...line, counterpartyLabel: labels.get(line.counterparty)! })),
    total: page.total,
    pages: page.pages,
  };
}

const CSV_PAGE = 1000;
const CSV_COLUMNS: MessageKey[] = [
  "wallet.csv.time",
  "wallet.csv.type",
  "wallet.csv.memo",
  "wallet.csv.counterparty",
  "wallet.csv.income",
  "wallet.csv.expense",
  "wallet.csv.balance",
];

/** The whole filtered statement as CSV, oldest first, so the balance column reads top to bottom. */
export async function statementCsv(
  actor: Actor,
  accountId: string,
  filters: Omit<StatementFilters, "page">,
  locale: Locale,
): Promise<string> {
  await viewableAccount(actor, accountId);
  const lines = [];
  for (let page = 1; ; page++) {
    const chunk = await statement(accountId, { ...filters, page, limit: CSV_PAGE });
    lines.push(...chunk.lines);
    if (page >= chunk.pages) break;
  }
  lines.reverse();
  const labels = await describeAccounts(
    lines.map((line) => line.counterparty),
    locale,
  );
  return toCsv([
    CSV_COLUMNS.map((key) => translate(locale, key)),
    ...lines.map((line) => [
      luoyangDateTime(line.at),
      translate(locale, `ledger.reason.${line.reason}`),
      line.memo,
      labels.get(line.counterparty)!,
      line.amountFen > 0 ? fenToYuan(line.amountFen) : "",
      line.amountFen < 0 ? fenToYuan(-line.amountFen) : "",
      fenToYuan(line.balanceFen),
    ]),
  ]);
}

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
  return {
    pending: pending.map((w) => ({
      ...w,
      accountLabel: labels.get(w.accountId)!,
      requestedBy: requesterName.get(w.requestedById) ?? "",
    })),
    deposits: deposits.map((d) => ({ ...d, accountLabel: labels.get(d.accountId)! })),
  };
}
