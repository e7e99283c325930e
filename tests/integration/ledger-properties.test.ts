import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/utils/errors";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { CLEARING, checkLedgerInvariants, ensureAccount, transfer } from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();

/**
 * Model-based property test of DESIGN §4: random sequences of deposits, wallet-to-wallet
 * payments, escrow funding, releases, refunds, idempotent replays and invalid amounts, applied to
 * the real ledger and to a plain in-memory model. After every run the balances must equal the
 * model's and every invariant must hold. 25 runs × 400 operations = 10,000 operations.
 */
const RUNS = 25;
const OPERATIONS = 400;
const WALLETS = 4;
const ESCROWS = 3;

type Operation =
  | { kind: "deposit"; to: number; amountFen: number }
  | { kind: "pay"; from: number; to: number; amountFen: number }
  | { kind: "fund"; from: number; escrow: number; amountFen: number }
  | { kind: "release"; escrow: number; to: number }
  | { kind: "replay"; from: number; to: number; amountFen: number; times: number }
  | { kind: "invalid"; from: number; to: number; amountFen: number };

const index = (size: number) => fc.integer({ min: 0, max: size - 1 });
const amount = fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 200_000 }));
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), to: index(WALLETS), amountFen: amount }),
  fc.record({
    kind: fc.constant("pay" as const),
    from: index(WALLETS),
    to: index(WALLETS),
    amountFen: amount,
  }),
  fc.record({
    kind: fc.constant("fund" as const),
    from: index(WALLETS),
    escrow: index(ESCROWS),
    amountFen: amount,
  }),
  fc.record({ kind: fc.constant("release" as const), escrow: index(ESCROWS), to: index(WALLETS) }),
  fc.record({
    kind: fc.constant("replay" as const),
    from: index(WALLETS),
    to: index(WALLETS),
    amountFen: amount,
    times: fc.integer({ min: 2, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("invalid" as const),
    from: index(WALLETS),
    to: index(WALLETS),
    amountFen: fc.oneof(
      fc.constant(0),
      fc.integer({ min: -1_000_000, max: -1 }),
      fc.double({ min: 0.001, max: 999.999, noInteger: true }),
      fc.constant(5_000_000_000),
    ),
  }),
);

async function runSequence(operations: Operation[]) {
  const run = randomUUID().slice(0, 8);
  const wallets = Array.from({ length: WALLETS }, (_, i) => `wallet:user:prop-${run}-${i}`);
  const escrows = Array.from({ length: ESCROWS }, (_, i) => `escrow:prop-${run}-${i}`);
  await db.$transaction(async (tx) => {
    for (const id of wallets) await ensureAccount(tx, { id, kind: "WALLET" });
    for (const id of escrows) await ensureAccount(tx, { id, kind: "ESCROW" });
  });
  const model = new Map<string, number>([...wallets, ...escrows].map((id) => [id, 0]));
  let refused = 0;

  const move = async (from: string, to: string, amountFen: number) => {
    try {
      await db.$transaction((tx) => transfer(tx, { from, to, amountFen, reason: "MILESTONE_FUND" }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refused++;
      return false;
    }
    if (from !== CLEARING) model.set(from, model.get(from)! - amountFen);
    model.set(to, model.get(to)! + amountFen);
    return true;
  };
  const expectRefusal = (from: string, amountFen: number) =>
    from !== CLEARING && model.get(from)! < amountFen;

  for (const op of operations) {
    if (op.kind === "deposit") {
      expect(await move(CLEARING, wallets[op.to]!, op.amountFen)).toBe(true);
    } else if (op.kind === "pay" || op.kind === "fund") {
      const from = wallets[op.from]!;
      const to = op.kind === "pay" ? wallets[op.to]! : escrows[op.escrow]!;
      if (from === to) continue;
      const shouldFail = expectRefusal(from, op.amountFen);
      expect(await move(from, to, op.amountFen)).toBe(!shouldFail);
    } else if (op.kind === "release") {
      const from = escrows[op.escrow]!;
      const held = model.get(from)!;
      if (held > 0) expect(await move(from, wallets[op.to]!, held)).toBe(true);
    } else if (op.kind === "replay") {
      const from = wallets[op.from]!;
      const to = wallets[op.to]!;
      if (from === to) continue;
      const key = randomUUID();
      const attempt = () =>
        db.$transaction((tx) =>
          idempotent(
            tx,
            {
              actorId: `prop-${run}`,
              key,
              scope: "prop.pay",
              request: { from, to, amountFen: op.amountFen },
            },
            async () =>
              (await transfer(tx, { from, to, amountFen: op.amountFen, reason: "REVENUE_SHARE" })).id,
          ),
        );
      const shouldFail = expectRefusal(from, op.amountFen);
      const results = [];
      for (let i = 0; i < op.times; i++) {
        try {
          results.push(await attempt());
        } catch (error) {
          if (!isDomainError(error)) throw error;
          results.push(null);
        }
      }
      if (shouldFail) {
        expect(results.every((result) => result === null)).toBe(true);
        refused++;
      } else {
        // Money moved once; every replay returned the first transfer.
        expect(new Set(results.map((result) => result?.result)).size).toBe(1);
        expect(results.filter((result) => result && !result.replayed)).toHaveLength(1);
        model.set(from, model.get(from)! - op.amountFen);
        model.set(to, model.get(to)! + op.amountFen);
      }
    } else {
      const from = wallets[op.from]!;
      const to = op.from === op.to ? escrows[0]! : wallets[op.to]!;
      expect(await move(from, to, op.amountFen)).toBe(false);
    }
  }

  const accounts = await db.ledgerAccount.findMany({
    where: { id: { in: [...model.keys()] } },
    select: { id: true, balanceFen: true },
  });
  expect(Object.fromEntries(accounts.map((account) => [account.id, Number(account.balanceFen)]))).toEqual(
    Object.fromEntries(model),
  );
  return refused;
}

describe("ledger invariants under random operations (fast-check)", () => {
  it(`hold for ${RUNS * OPERATIONS} random operations`, async () => {
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: OPERATIONS, maxLength: OPERATIONS }),
        async (operations) => {
          refusals += await runSequence(operations);
          const invariants = await checkLedgerInvariants();
          expect(invariants).toEqual({ sumOfBalances: 0, drifted: [], unbalanced: [], negative: [] });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The generator does reach the refusals (overdrafts and bad amounts), not only happy paths.
    expect(refusals).toBeGreaterThan(RUNS * 10);
  }, 600_000);
});
