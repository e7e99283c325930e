import { randomUUID } from "node:crypto";
import { db, type Tx } from "~/db.server";
import type { LedgerAccountKind } from "~/generated/prisma/enums";
import { DomainError } from "~/utils/errors";
import { ledgerTimeOf } from "./ledger-clock.server";
import { AmountFen, type LedgerReasonCode, type StatementFilters } from "./ledger.schema";

/**
 * The double-entry ledger (DESIGN §4). The only code that writes ledger rows. A transfer debits
 * one account and credits another by a positive number of fen; the database keeps the rest true
 * even against a bug here: entries are append-only, balances move only through entries, no
 * account but the clearing one goes below zero, and each transfer's two entries balance.
 */

export const CLEARING = "platform:clearing";
export const STATEMENT_PAGE = 50;

export type Owner = { userId: string } | { organisationId: string };

export function walletId(owner: Owner): string {
  return "userId" in owner ? `wallet:user:${owner.userId}` : `wallet:org:${owner.organisationId}`;
}

export function escrowId(milestoneId: string): string {
  return `escrow:${milestoneId}`;
}

export function withdrawalHoldId(requestId: string): string {
  return `withdrawal:${requestId}`;
}

export function programmeAccountId(programmeId: string): string {
  return `programme:${programmeId}`;
}

/** Creates the account if it does not exist yet (accounts are opened on first use). */
export async function ensureAccount(
  tx: Tx,
  account: {
    id: string;
    kind: LedgerAccountKind;
    userId?: string | null;
    organisationId?: string | null;
    milestoneId?: string | null;
  },
): Promise<string> {
  await tx.ledgerAccount.createMany({
    data: [
      {
        id: account.id,
        kind: account.kind,
        userId: account.userId ?? null,
        organisationId: account.organisationId ?? null,
        milestoneId: account.milestoneId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return account.id;
}

export function ensureWallet(tx: Tx, owner: Owner): Promise<string> {
  return ensureAccount(tx, {
    id: walletId(owner),
    kind: "WALLET",
    ...("userId" in owner ? { userId: owner.userId } : { organisationId: owner.organisationId }),
  });
}

export interface TransferInput {
  from: string;
  to: string;
  amountFen: number;
  reason: LedgerReasonCode;
  agreementId?: string | null;
  milestoneId?: string | null;
  programmeApplicationId?: string | null;
  memo?: string;
  actorId?: string | null;
}

/**
 * Moves money inside the caller's transaction. In the usual case this is one statement: it locks
 * both accounts in id order (so two opposite transfers cannot deadlock), reads the source's
 * balance after any transfer it waited for, looks for open debts, and writes the transfer and its
 * two entries only when the money is there and nobody owes. A refusal is a row of answers, not a
 * database error, so the caller's transaction stays usable without a savepoint; the database's
 * own rules (no overdraft, balanced transfers, append-only entries) still hold underneath.
 *
 * Debts (LedgerDebt) hold money: while the source owes anything, only a payment of the debt
 * (reason CLAWBACK) may leave it (`ledger.debt_open`); money arriving at an account that owes
 * pays its debts first, oldest first, in the same transaction.
 */
export async function transfer(tx: Tx, input: TransferInput): Promise<{ id: string }> {
  const amount = AmountFen.safeParse(input.amountFen);
  if (!amount.success) throw new DomainError("ledger.invalid_amount");
  if (input.from === input.to) throw new DomainError("ledger.same_account");
  const attempt = await writeTransfer(tx, input, amount.data, { refuseIfOwing: true });
  if (attempt.written) return { id: attempt.id };
  if (input.reason !== "CLAWBACK" && attempt.debts.some((debt) => debt.debtorAccountId === input.from))
    throw new DomainError("ledger.debt_open");
  const creditors = attempt.debts
    .filter((d) => d.debtorAccountId === input.to)
    .map((d) => d.creditorAccountId);
  if (creditors.length > 0) {
    // Collecting will lock the creditors too; taking every row now, in id order, keeps the one
    // global lock order that stops two transfers deadlocking.
    const ids = [...new Set([input.from, input.to, ...creditors])].sort();
    await tx.$queryRaw`SELECT id FROM "LedgerAccount" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
  }
  const written = await writeTransfer(tx, input, amount.data, { refuseIfOwing: false });
  if (!written.written) throw new Error("ledger: a transfer checked twice was refused the second time");
  if (creditors.length > 0) await collectDebts(tx, input.to, input.actorId ?? null);
  return { id: written.id };
}

type Attempt =
  | { written: true; id: string }
  | { written: false; debts: { debtorAccountId: string; creditorAccountId: string }[] };

/**
 * The transfer's one statement. Refuses with a DomainError when an account is missing or the
 * source cannot pay; with `refuseIfOwing`, also writes nothing when either account owes and
 * returns those debts for `transfer` to decide.
 */
async function writeTransfer(
  tx: Tx,
  input: TransferInput,
  amountFen: number,
  { refuseIfOwing }: { refuseIfOwing: boolean },
): Promise<Attempt> {
  const id = randomUUID();
  const [first, second] = [
    { account: input.from, amount: -amountFen },
    { account: input.to, amount: amountFen },
  ].sort((a, b) => (a.account < b.account ? -1 : 1));
  // The database clock; only the demo seed's transaction carries an earlier one (ledger-clock.server.ts).
  const at = ledgerTimeOf(tx)?.toISOString() ?? null;
  const [verdict] = await tx.$queryRaw<
    {
      found: number;
      covered: boolean | null;
      debts: { debtorAccountId: string; creditorAccountId: string }[] | null;
      written: number;
    }[]
  >`
    WITH locked AS (
      SELECT id, kind, "balanceFen" FROM "LedgerAccount"
      WHERE id IN (${input.from}, ${input.to}) ORDER BY id FOR UPDATE
    ),
    owing AS (
      SELECT "debtorAccountId", "creditorAccountId" FROM "LedgerDebt"
      WHERE ${refuseIfOwing} AND "debtorAccountId" IN (${input.from}, ${input.to}) AND "owedFen" > 0
    ),
    verdict AS (
      SELECT (SELECT count(*)::int FROM locked) AS found,
             (SELECT kind = 'CLEARING' OR "balanceFen" >= ${amountFen} FROM locked WHERE id = ${input.from}) AS covered,
             (SELECT json_agg(owing) FROM owing) AS debts
    ),
    created AS (
      INSERT INTO "LedgerTransfer" (id, "fromAccountId", "toAccountId", "amountFen", reason, "agreementId", "milestoneId", "programmeApplicationId", memo, "actorId", "createdAt")
      SELECT ${id}, ${input.from}, ${input.to}, ${amountFen}, ${input.reason}::"LedgerReason", ${input.agreementId ?? null}, ${input.milestoneId ?? null}, ${input.programmeApplicationId ?? null}, ${input.memo ?? ""}, ${input.actorId ?? null}, least(coalesce(${at}::timestamptz, now()), now())
      FROM verdict WHERE verdict.found = 2 AND verdict.covered AND verdict.debts IS NULL
      RETURNING id, "createdAt"
    ),
    entries AS (
      INSERT INTO "LedgerEntry" ("transferId", "accountId", "amountFen", "createdAt")
      SELECT created.id, entry.account, entry.amount, created."createdAt"
      FROM created, (VALUES (1, ${first!.account}, ${first!.amount}::int), (2, ${second!.account}, ${second!.amount}::int)) AS entry(position, account, amount)
      ORDER BY entry.position
      RETURNING 1
    )
    SELECT found, covered, debts, (SELECT count(*)::int FROM entries) AS written FROM verdict`;
  if (verdict!.written === 2) return { written: true, id };
  if (verdict!.found < 2) throw new DomainError("ledger.account_missing");
  if (verdict!.debts) return { written: false, debts: verdict!.debts };
  throw new DomainError("ledger.insufficient_funds");
}

/**
 * Pays an account's open debts, oldest first, from what it holds now, up to what each still
 * owes. Returns the fen collected. Used when money arrives and by a claw-back's follow-up.
 */
export async function collectDebts(tx: Tx, accountId: string, actorId: string | null): Promise<number> {
  const debts = await tx.$queryRaw<
    {
      id: string;
      creditorAccountId: string;
      owedFen: number;
      programmeApplicationId: string | null;
      memo: string;
    }[]
  >`
    SELECT id, "creditorAccountId", "owedFen", "programmeApplicationId", memo FROM "LedgerDebt"
    WHERE "debtorAccountId" = ${accountId} AND "owedFen" > 0 ORDER BY "createdAt", id FOR UPDATE`;
  let available = await balanceOf(accountId, tx);
  let collected = 0;
  for (const debt of debts) {
    const amountFen = Math.min(debt.owedFen, available);
    if (amountFen <= 0) break;
    await writeTransfer(
      tx,
      {
        from: accountId,
        to: debt.creditorAccountId,
        amountFen,
        reason: "CLAWBACK",
        programmeApplicationId: debt.programmeApplicationId,
        memo: debt.memo,
        actorId,
      },
      amountFen,
      { refuseIfOwing: false },
    );
    const owedFen = debt.owedFen - amountFen;
    await tx.ledgerDebt.update({
      where: { id: debt.id },
      data: { owedFen, settledAt: owedFen === 0 ? new Date() : null },
      select: { id: true },
    });
    available -= amountFen;
    collected += amountFen;
  }
  return collected;
}

/**
 * Records that `debtor` owes `creditor` `amountFen` it could not pay now. Money that reaches the
 * debtor later pays it (see `transfer`); until then nothing else leaves the debtor.
 */
export async function openDebt(
  tx: Tx,
  debt: {
    debtor: string;
    creditor: string;
    amountFen: number;
    sanctionId?: string | null;
    programmeApplicationId?: string | null;
    memo?: string;
  },
): Promise<{ id: string }> {
  const amount = AmountFen.safeParse(debt.amountFen);
  if (!amount.success) throw new DomainError("ledger.invalid_amount");
  return tx.ledgerDebt.create({
    data: {
      debtorAccountId: debt.debtor,
      creditorAccountId: debt.creditor,
      amountFen: amount.data,
      owedFen: amount.data,
      sanctionId: debt.sanctionId ?? null,
      programmeApplicationId: debt.programmeApplicationId ?? null,
      memo: debt.memo ?? "",
    },
    select: { id: true },
  });
}

/** What an account still owes, in fen (0 when it owes nothing). */
export async function owedBy(accountId: string, client: Tx = db): Promise<number> {
  const debts = await client.ledgerDebt.aggregate({
    where: { debtorAccountId: accountId, owedFen: { gt: 0 } },
    _sum: { owedFen: true },
  });
  return debts._sum.owedFen ?? 0;
}

export async function balanceOf(accountId: string, client: Tx = db): Promise<number> {
  const account = await client.ledgerAccount.findUnique({
    where: { id: accountId },
    select: { balanceFen: true },
  });
  return Number(account?.balanceFen ?? 0n);
}

export interface StatementLine {
  entryId: string;
  transferId: string;
  at: string;
  reason: LedgerReasonCode;
  memo: string;
  counterparty: string;
  amountFen: number;
  balanceFen: number;
  agreementId: string | null;
  milestoneId: string | null;
  programmeApplicationId: string | null;
}

/**
 * An account's entries, newest first, each with the balance right after it (a running sum in
 * entry order over the whole account, so filters and pages never change a line's balance).
 */
export async function statement(
  accountId: string,
  filters: Partial<StatementFilters> & { limit?: number } = {},
) {
  const limit = filters.limit ?? STATEMENT_PAGE;
  const offset = ((filters.page ?? 1) - 1) * limit;
  const from = filters.from ? new Date(`${filters.from}T00:00:00+08:00`) : null;
  const to = filters.to ? new Date(`${filters.to}T23:59:59.999+08:00`) : null;
  const reason = filters.reason ?? null;
  const rows = await db.$queryRaw<
    {
      id: bigint;
      transferId: string;
      createdAt: Date;
      reason: LedgerReasonCode;
      memo: string;
      counterparty: string;
      amountFen: number;
      balance: bigint;
      agreementId: string | null;
      milestoneId: string | null;
      programmeApplicationId: string | null;
      total: bigint;
    }[]
  >`
    WITH lines AS (
      SELECT e.id, e."transferId", e."createdAt", e."amountFen", t.reason, t.memo, t."agreementId", t."milestoneId", t."programmeApplicationId",
             CASE WHEN t."fromAccountId" = ${accountId} THEN t."toAccountId" ELSE t."fromAccountId" END AS counterparty,
             sum(e."amountFen") OVER (ORDER BY e.id) AS balance
      FROM "LedgerEntry" e JOIN "LedgerTransfer" t ON t.id = e."transferId"
      WHERE e."accountId" = ${accountId}
    )
    SELECT *, count(*) OVER () AS total FROM lines
    WHERE (${from}::timestamptz IS NULL OR "createdAt" >= ${from}::timestamptz)
      AND (${to}::timestamptz IS NULL OR "createdAt" <= ${to}::timestamptz)
      AND (${reason}::text IS NULL OR reason::text = ${reason}::text)
    ORDER BY id DESC
    LIMIT ${limit} OFFSET ${offset}`;
  const lines: StatementLine[] = rows.map((row) => ({
    entryId: String(row.id),
    transferId: row.transferId,
    at: row.createdAt.toISOString(),
    reason: row.reason,
    memo: row.memo,
    counterparty: row.counterparty,
    amountFen: row.amountFen,
    balanceFen: Number(row.balance),
    agreementId: row.agreementId,
    milestoneId: row.milestoneId,
    programmeApplicationId: row.programmeApplicationId,
  }));
  const total = Number(rows[0]?.total ?? 0);
  return { lines, total, pages: Math.max(1, Math.ceil(total / limit)) };
}

/**
 * The invariants of DESIGN §4, checked against the database: all balances sum to zero, each
 * cached balance equals the sum of its entries, every transfer has two entries that balance, and
 * no account but clearing is negative. Empty arrays mean all hold.
 */
export async function checkLedgerInvariants(client: Tx = db) {
  const [sum] = await client.$queryRaw<
    { total: bigint | null }[]
  >`SELECT sum("balanceFen") AS total FROM "LedgerAccount"`;
  const drifted = await client.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "LedgerAccount" a LEFT JOIN "LedgerEntry" e ON e."accountId" = a.id
    GROUP BY a.id, a."balanceFen" HAVING a."balanceFen" <> coalesce(sum(e."amountFen"), 0)`;
  const unbalanced = await client.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "LedgerTransfer" t LEFT JOIN "LedgerEntry" e ON e."transferId" = t.id
    GROUP BY t.id HAVING count(e.id) <> 2 OR coalesce(sum(e."amountFen"), 0) <> 0`;
  const negative = await client.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "LedgerAccount" WHERE kind <> 'CLEARING' AND "balanceFen" < 0`;
  return {
    sumOfBalances: Number(sum?.total ?? 0n),
    drifted: drifted.map((row) => row.id),
    unbalanced: unbalanced.map((row) => row.id),
    negative: negative.map((row) => row.id),
  };
}
