import { db } from "~/db.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { CLEARING, owedBy, statement } from "~/modules/ledger/ledger.server";
import type { StatementFilters } from "~/modules/ledger/ledger.schema";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { toCsv } from "~/utils/csv";
import { luoyangDateTime } from "~/utils/dates";
import { fenToYuan } from "~/utils/money";
import { describeLines } from "./statement-descriptions.server";
import { canViewAccount, parseWalletId, ownerExists, canManageWallet } from "./wallet-owners.server";

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
  if (!(await canViewAccount(actor, accountId))) throw new DomainError("wallet.forbidden");
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
  const [canManage, owedFen, debts, descriptions] = await Promise.all([
    canManageWallet(actor, accountId),
    owedBy(accountId),
    openDebts(accountId),
    describeLines(page.lines, locale),
  ]);
  return {
    account: { ...account, label: labels.get(accountId)!, canManage, owedFen },
    debts,
    lines: page.lines.map((line) => ({
      ...line,
      counterpartyLabel: labels.get(line.counterparty)!,
      description: descriptions.get(line.transferId)!,
    })),
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
  const [labels, descriptions] = await Promise.all([
    describeAccounts(
      lines.map((line) => line.counterparty),
      locale,
    ),
    describeLines(lines, locale),
  ]);
  return toCsv([
    CSV_COLUMNS.map((key) => translate(locale, key)),
    ...lines.map((line) => [
      luoyangDateTime(line.at),
      translate(locale, `ledger.reason.${line.reason}`),
      descriptions.get(line.transferId)!,
      labels.get(line.counterparty)!,
      line.amountFen > 0 ? fenToYuan(line.amountFen) : "",
      line.amountFen < 0 ? fenToYuan(-line.amountFen) : "",
      fenToYuan(line.balanceFen),
    ]),
  ]);
}

/** The claw-backs an account still owes, oldest first, for its statement. */
async function openDebts(accountId: string) {
  const debts = await db.ledgerDebt.findMany({
    where: { debtorAccountId: accountId, owedFen: { gt: 0 } },
    orderBy: { createdAt: "asc" },
    select: { id: true, amountFen: true, owedFen: true, memo: true, createdAt: true },
  });
  return debts.map((debt) => ({ ...debt, createdAt: debt.createdAt.toISOString() }));
}
