import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import {
  CLEARING,
  balanceOf,
  checkLedgerInvariants,
  ensureWallet,
  statement,
  transfer,
} from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";

const database = useTestDatabase();

async function wallet() {
  const user = await createUser();
  return db.$transaction((tx) => ensureWallet(tx, { userId: user.id }));
}

const deposit = (to: string, amountFen: number) =>
  db.$transaction((tx) => transfer(tx, { from: CLEARING, to, amountFen, reason: "DEPOSIT" }));

describe("the ledger", () => {
  it("moves money between accounts and keeps every invariant", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 10_000);
    await db.$transaction((tx) =>
      transfer(tx, { from: a, to: b, amountFen: 2_500, reason: "MILESTONE_RELEASE" }),
    );
    expect(await balanceOf(a)).toBe(7_500);
    expect(await balanceOf(b)).toBe(2_500);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  });

  it("refuses an overdraft, a zero, negative or fractional amount, leaving no trace", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 1_000);
    const before = await db.ledgerTransfer.count();
    await expect(
      db.$transaction((tx) => transfer(tx, { from: a, to: b, amountFen: 1_001, reason: "MILESTONE_FUND" })),
    ).rejects.toMatchObject({ code: "ledger.insufficient_funds" });
    for (const amountFen of [0, -5, 12.5, Number.NaN, 2e9]) {
      await expect(
        db.$transaction((tx) => transfer(tx, { from: a, to: b, amountFen, reason: "MILESTONE_FUND" })),
      ).rejects.toMatchObject({ code: "ledger.invalid_amount" });
    }
    await expect(
      db.$transaction((tx) => transfer(tx, { from: a, to: a, amountFen: 1, reason: "MILESTONE_FUND" })),
    ).rejects.toMatchObject({ code: "ledger.same_account" });
    expect(await db.ledgerTransfer.count()).toBe(before);
    expect(await balanceOf(a)).toBe(1_000);
  });

  it("keeps the caller's transaction usable after a refusal, so it can go on and commit", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 1_000);
    const outcome = await db.$transaction(async (tx) => {
      const refusals: string[] = [];
      for (const attempt of [
        { from: a, to: b, amountFen: 5_000 },
        { from: a, to: "wallet:user:nobody", amountFen: 10 },
      ]) {
        try {
          await transfer(tx, { ...attempt, reason: "MILESTONE_FUND" });
        } catch (error) {
          refusals.push((error as { code: string }).code);
        }
      }
      await transfer(tx, { from: a, to: b, amountFen: 400, reason: "MILESTONE_FUND" });
      return refusals;
    });
    expect(outcome).toEqual(["ledger.insufficient_funds", "ledger.account_missing"]);
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([600, 400]);
  });

  it("runs opposite transfers between two wallets at once without a deadlock", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 100_000);
    await deposit(b, 100_000);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction((tx) =>
          transfer(tx, {
            from: i % 2 ? a : b,
            to: i % 2 ? b : a,
            amountFen: 100 + i,
            reason: "MILESTONE_FUND",
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect((await balanceOf(a)) + (await balanceOf(b))).toBe(200_000);
    expect(await checkLedgerInvariants()).toMatchObject({ drifted: [], unbalanced: [], negative: [] });
  });

  it("is refused by the database itself: no UPDATE or DELETE of entries, no balance edits, no unbalanced transfer", async () => {
    const a = await wallet();
    await deposit(a, 500);
    await expect(db.$executeRaw`UPDATE "LedgerEntry" SET "amountFen" = 1`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "LedgerTransfer"`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "LedgerEntry" CASCADE`).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRaw`UPDATE "LedgerAccount" SET "balanceFen" = 1000000 WHERE id = ${a}`,
    ).rejects.toThrow(/only through ledger entries/);
    // Straight through pg: the check runs at COMMIT, which is where it must refuse.
    const client = new pg.Client({ connectionString: database.url() });
    await client.connect();
    try {
      const id = randomUUID();
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "LedgerTransfer" (id, "fromAccountId", "toAccountId", "amountFen", reason, memo, "createdAt") VALUES ($1, $2, $3, 100, 'DEPOSIT', '', now())`,
        [id, CLEARING, a],
      );
      await client.query(
        `INSERT INTO "LedgerEntry" ("transferId", "accountId", "amountFen", "createdAt") VALUES ($1, $2, 100, now())`,
        [id, a],
      );
      await expect(client.query("COMMIT")).rejects.toThrow(/not balanced/);
    } finally {
      await client.end();
    }
    await expect(
      db.$executeRaw`INSERT INTO "LedgerAccount" (id, kind, "balanceFen") VALUES ('wallet:user:rich', 'WALLET', -5)`,
    ).rejects.toThrow();
    expect(await checkLedgerInvariants()).toMatchObject({ sumOfBalances: 0, drifted: [], unbalanced: [] });
  });

  it("lets parallel transfers from one wallet spend at most what it holds", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 10_000);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        db.$transaction((tx) => transfer(tx, { from: a, to: b, amountFen: 1_000, reason: "MILESTONE_FUND" })),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(10);
    // Each refusal is the ledger's answer, read from the balance after the transfers it waited
    // for, not the database's overdraft error (which would abort a caller's transaction).
    for (const result of results)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "ledger.insufficient_funds" });
    expect(await balanceOf(a)).toBe(0);
    expect(await balanceOf(b)).toBe(10_000);
  });

  it("shows a statement with a running balance, newest first, filtered by reason", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 5_000);
    await db.$transaction((tx) =>
      transfer(tx, { from: a, to: b, amountFen: 1_200, reason: "MILESTONE_FUND", memo: "里程碑 1" }),
    );
    await deposit(a, 300);
    const { lines, total } = await statement(a);
    expect(total).toBe(3);
    expect(lines.map((line) => [line.reason, line.amountFen, line.balanceFen])).toEqual([
      ["DEPOSIT", 300, 4_100],
      ["MILESTONE_FUND", -1_200, 3_800],
      ["DEPOSIT", 5_000, 5_000],
    ]);
    const funds = await statement(a, { reason: "MILESTONE_FUND" });
    expect(funds.lines.map((line) => [line.balanceFen, line.counterparty])).toEqual([[3_800, b]]);
  });
});

describe("idempotency keys", () => {
  it("replays the first result, runs once under concurrency, and refuses the key with other parameters", async () => {
    const [a, b] = [await wallet(), await wallet()];
    await deposit(a, 10_000);
    const actorId = (await createUser()).id;
    const key = randomUUID();
    const pay = (amountFen: number) =>
      db.$transaction((tx) =>
        idempotent(tx, { actorId, key, scope: "test.pay", request: { a, b, amountFen } }, async () => ({
          transferId: (await transfer(tx, { from: a, to: b, amountFen, reason: "MILESTONE_FUND" })).id,
        })),
      );
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(700)));
    expect(new Set(results.map((result) => result.result.transferId)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await balanceOf(a)).toBe(9_300);
    await expect(pay(800)).rejects.toMatchObject({ code: "idempotency.key_reused" });
    await expect(
      db.$transaction((tx) => idempotent(tx, { actorId, key: "x", scope: "s", request: {} }, async () => 1)),
    ).rejects.toMatchObject({ code: "idempotency.key_invalid" });
  });
});
