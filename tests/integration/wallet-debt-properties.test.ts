import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  checkLedgerInvariants,
  CLEARING,
  ensureAccount,
  escrowId,
  owedBy,
  transfer,
} from "~/modules/ledger/ledger.server";
import { clawBack } from "~/modules/sanctions/clawbacks.server";
import {
  markWithdrawalPaid,
  recordOfflineDeposit,
  rejectWithdrawal,
  requestWithdrawal,
} from "~/modules/wallet/wallet.server";
import { isDomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createDisbursedApplication } from "../support/sanctions-factories";
import { createFinanceStaff } from "../support/wallet-factories";

useTestDatabase();

/**
 * Debts hold money (issue 19, DESIGN §4): random sequences of deposits, withdrawal requests,
 * payouts, rejections, claw-backs and incoming payments (a milestone release) run against the
 * real services and database. After every step: the ledger's invariants hold, and while the
 * organisation owes a claw-back its wallet is empty, nothing is held for a withdrawal, and no
 * money left the wallet or a hold except to repay the debt. The seed is fixed (tests/support/setup.ts).
 */
const RUNS = 25;
const STEPS = 30;

type Step =
  | { kind: "deposit"; amountFen: number }
  | { kind: "request"; amountFen: number }
  | { kind: "payout"; pick: number }
  | { kind: "reject"; pick: number }
  | { kind: "clawback"; amountFen: number }
  | { kind: "incoming"; amountFen: number };

const amount = fc.integer({ min: 1, max: 30_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), amountFen: amount }),
  fc.record({ kind: fc.constant("request" as const), amountFen: amount }),
  fc.record({ kind: fc.constant("payout" as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant("reject" as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant("clawback" as const), amountFen: amount }),
  fc.record({ kind: fc.constant("incoming" as const), amountFen: amount }),
);

const bank = { bankName: "洛阳农商银行", accountName: "合作社", accountNumber: "6217000012345678" };

/** Money that left the wallet or one of its withdrawal holds other than to repay a debt. */
async function moneyOut(wallet: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "LedgerTransfer" t
    WHERE (t."fromAccountId" = ${wallet} AND t.reason <> 'CLAWBACK')
       OR (t.reason = 'WITHDRAWAL_PAID' AND t."fromAccountId" IN (
             SELECT 'withdrawal:' || w.id FROM "WithdrawalRequest" w WHERE w."accountId" = ${wallet}))`;
  return Number(row?.n ?? 0n);
}

async function runStep(
  s: Step,
  ctx: Awaited<ReturnType<typeof createDisbursedApplication>> & {
    staff: Awaited<ReturnType<typeof createFinanceStaff>>;
  },
) {
  const pending = () =>
    db.withdrawalRequest.findMany({
      where: { accountId: ctx.wallet, status: "REQUESTED" },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
  switch (s.kind) {
    case "deposit":
      return recordOfflineDeposit(
        ctx.staff,
        {
          accountId: ctx.wallet,
          amountFen: s.amountFen,
          bankReference: `B${randomUUID()}`.slice(0, 30),
          payerName: "合作社",
        },
        randomUUID(),
      );
    case "request":
      return requestWithdrawal(
        ctx.head,
        { accountId: ctx.wallet, amountFen: s.amountFen, ...bank },
        randomUUID(),
      );
    case "payout": {
      const list = await pending();
      const chosen = list[s.pick % Math.max(list.length, 1)];
      return chosen && markWithdrawalPaid(ctx.staff, chosen.id, `REF${s.pick}`, randomUUID());
    }
    case "reject": {
      const list = await pending();
      const chosen = list[s.pick % Math.max(list.length, 1)];
      return chosen && rejectWithdrawal(ctx.staff, chosen.id, "信息有误", randomUUID());
    }
    case "clawback":
      return clawBack(ctx.bureau, ctx.application.id, { amountFen: s.amountFen, reason: "违规使用" });
    case "incoming":
      // A milestone released to the organisation: money arriving through the ledger's one writer.
      return db.$transaction(async (tx) => {
        const escrow = await ensureAccount(tx, { id: escrowId(randomUUID()), kind: "ESCROW" });
        await transfer(tx, { from: CLEARING, to: escrow, amountFen: s.amountFen, reason: "MILESTONE_FUND" });
        await transfer(tx, {
          from: escrow,
          to: ctx.wallet,
          amountFen: s.amountFen,
          reason: "MILESTONE_RELEASE",
        });
      });
  }
}

describe("debts hold money (property)", () => {
  it("lets no money leave a wallet while its debt is open, and keeps the ledger's invariants", async () => {
    const staff = await createFinanceStaff();
    // What the runs went through, so a generator that never opens a debt cannot pass quietly.
    const seen = { blockedWhileOwing: 0, paidOut: 0, debtsRepaid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: STEPS }), async (steps) => {
        // A large grant, spent already: claw-backs have room and begin on an empty wallet.
        const ctx = {
          staff,
          ...(await createDisbursedApplication({
            budgetFen: 10_000_000,
            disbursedFen: 5_000_000,
            spentFen: 5_000_000,
          })),
        };
        for (const s of steps) {
          const owedBefore = await owedBy(ctx.wallet);
          const outBefore = await moneyOut(ctx.wallet);
          try {
            const done = await runStep(s, ctx);
            if (s.kind === "payout" && done) seen.paidOut += 1;
          } catch (error) {
            if (!isDomainError(error)) throw error;
            if (owedBefore > 0 && (s.kind === "request" || s.kind === "payout")) {
              expect(error.code).toBe("wallet.debt_open");
              seen.blockedWhileOwing += 1;
            }
          }
          if (owedBefore > 0) expect(await moneyOut(ctx.wallet)).toBe(outBefore);
          const owed = await owedBy(ctx.wallet);
          if (owedBefore > 0 && owed < owedBefore) seen.debtsRepaid += 1;
          if (owed > 0) {
            const wallet = await db.ledgerAccount.findUniqueOrThrow({
              where: { id: ctx.wallet },
              select: { balanceFen: true },
            });
            expect(Number(wallet.balanceFen)).toBe(0);
            expect(
              await db.withdrawalRequest.count({ where: { accountId: ctx.wallet, status: "REQUESTED" } }),
            ).toBe(0);
          }
          const sanctions = await db.sanction.aggregate({
            where: { programmeApplicationId: ctx.application.id, kind: "CLAWBACK" },
            _sum: { amountFen: true, recoveredFen: true, owedFen: true },
          });
          expect((sanctions._sum.recoveredFen ?? 0) + (sanctions._sum.owedFen ?? 0)).toBe(
            sanctions._sum.amountFen ?? 0,
          );
          expect(sanctions._sum.owedFen ?? 0).toBe(owed);
          expect(await checkLedgerInvariants()).toEqual({
            sumOfBalances: 0,
            drifted: [],
            unbalanced: [],
            negative: [],
          });
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.blockedWhileOwing).toBeGreaterThan(0);
    expect(seen.paidOut).toBeGreaterThan(0);
    expect(seen.debtsRepaid).toBeGreaterThan(0);
  }, 300_000);
});
