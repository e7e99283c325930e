import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { SessionUser } from "~/modules/users/session.server";
import { terminate } from "~/modules/agreements/agreements.server";
import { setFunders } from "~/modules/cofunding/cofunding.server";
import { splitByShares } from "~/modules/escrow/shares";
import {
  acceptMilestone,
  disputeMilestone,
  fundShare,
  releaseDueMilestones,
  resolveDispute,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { balanceOf, checkLedgerInvariants, escrowId, walletId } from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";
import { createCoPayProgramme, createCoPayer, key } from "../support/cofunding-factories";
import { createActiveAgreement, createBureau, deposit, payerOwner } from "../support/escrow-factories";

useTestDatabase();

/**
 * Property test of co-funded milestones on the real ledger (DESIGN §4): random payers (1–5 of
 * the cooperative's wallet, two other organisations and two programmes), random shares, then a
 * random end — accepted, auto-released, a ruling with a random split, terminated when funded, or
 * terminated when only some shares are in — with random replays of funding requests. After each
 * run every account's change must equal a plain model's, the milestone's escrow must be empty and
 * every ledger invariant must hold.
 */
const RUNS = 30;

type Ending =
  | { kind: "accept" }
  | { kind: "autoRelease" }
  | { kind: "ruling"; payeeFraction: number }
  | { kind: "terminate" }
  | { kind: "partial"; funded: boolean[] };

const scenario = fc.record({
  payers: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 1, maxLength: 5 }),
  shares: fc.array(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 500_000 })), {
    minLength: 5,
    maxLength: 5,
  }),
  ending: fc.oneof(
    fc.constant<Ending>({ kind: "accept" }),
    fc.constant<Ending>({ kind: "autoRelease" }),
    fc
      .double({ min: 0, max: 1, noNaN: true })
      .map<Ending>((payeeFraction) => ({ kind: "ruling", payeeFraction })),
    fc.constant<Ending>({ kind: "terminate" }),
    fc
      .array(fc.boolean(), { minLength: 5, maxLength: 5 })
      .map<Ending>((funded) => ({ kind: "partial", funded })),
  ),
  replays: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
});

interface Pool {
  orgs: Awaited<ReturnType<typeof createCoPayer>>[];
  programmes: Awaited<ReturnType<typeof createCoPayProgramme>>[];
  bureau: SessionUser;
}
let pool: Pool;

beforeAll(async () => {
  pool = {
    orgs: [await createCoPayer(), await createCoPayer()],
    programmes: [await createCoPayProgramme(500_000_000), await createCoPayProgramme(500_000_000)],
    bureau: await createBureau(),
  };
});

async function runScenario({
  payers,
  shares,
  ending,
  replays,
}: {
  payers: number[];
  shares: number[];
  ending: Ending;
  replays: boolean[];
}) {
  const used = shares.slice(0, payers.length);
  const amountFen = used.reduce((a, b) => a + b, 0);
  const setup = await createActiveAgreement({ amounts: [amountFen] });
  const milestoneId = setup.milestones[0]!.id;
  // Index 0 is the cooperative's own wallet; 1–2 other organisations; 3–4 programmes.
  const who = (index: number) =>
    index === 0
      ? {
          accountId: walletId(payerOwner(setup.payer)),
          actor: setup.payer.head,
          owner: payerOwner(setup.payer),
        }
      : index <= 2
        ? {
            accountId: pool.orgs[index - 1]!.accountId,
            actor: pool.orgs[index - 1]!.farmer,
            owner: { organisationId: pool.orgs[index - 1]!.organisation.id },
          }
        : {
            accountId: pool.programmes[index - 3]!.accountId,
            actor: pool.programmes[index - 3]!.bureau,
            owner: null,
          };
  const parties = payers.map((index, position) => ({ ...who(index), shareFen: used[position]! }));
  for (const party of parties) if (party.owner) await deposit(party.owner, party.shareFen);

  const payeeAccount = walletId({ userId: setup.payee.id });
  const tracked = [...new Set([...parties.map((p) => p.accountId), payeeAccount, escrowId(milestoneId)])];
  const before = new Map(await Promise.all(tracked.map(async (id) => [id, await balanceOf(id)] as const)));
  const expected = new Map(tracked.map((id) => [id, 0]));
  const move = (from: string, to: string, fen: number) => {
    expected.set(from, expected.get(from)! - fen);
    expected.set(to, expected.get(to)! + fen);
  };

  await setFunders(
    setup.payer.head,
    milestoneId,
    parties.map((p) => ({ accountId: p.accountId, shareFen: p.shareFen })),
  );
  const rows = await db.milestoneFunder.findMany({
    where: { milestoneId },
    orderBy: { position: "asc" },
    select: { id: true, shareFen: true },
  });
  expect(rows.map((r) => r.shareFen)).toEqual(used);

  const toFund =
    ending.kind === "partial" ? parties.map((_, i) => ending.funded[i]!) : parties.map(() => true);
  if (ending.kind === "partial" && toFund.every(Boolean)) toFund[toFund.length - 1] = false;
  for (const [position, party] of parties.entries()) {
    if (!toFund[position]) continue;
    const requestKey = key();
    const first = await fundShare(party.actor, milestoneId, rows[position]!.id, requestKey);
    if (replays[position])
      expect(await fundShare(party.actor, milestoneId, rows[position]!.id, requestKey)).toEqual(first);
    move(party.accountId, escrowId(milestoneId), party.shareFen);
  }
  const status = (
    await db.milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: { status: true } })
  ).status;
  expect(status).toBe(toFund.every(Boolean) ? "FUNDED" : "PLANNED");

  const accounts = parties.map((p) => ({ id: p.accountId, shareFen: p.shareFen }));
  if (ending.kind === "accept" || ending.kind === "autoRelease") {
    await submitMilestone(setup.payee, milestoneId, { note: "已完成现场指导", files: [] });
    if (ending.kind === "accept") await acceptMilestone(setup.payer.head, milestoneId, key());
    else
      expect((await releaseDueMilestones(new Date(Date.now() + 40 * 86_400_000))).released).toContain(
        milestoneId,
      );
    move(escrowId(milestoneId), payeeAccount, amountFen);
  } else if (ending.kind === "ruling") {
    const payeeFen = Math.floor(amountFen * ending.payeeFraction);
    await disputeMilestone(setup.payer.head, milestoneId, "成果与验收标准不符");
    await resolveDispute(pool.bureau, milestoneId, { payeeFen, note: "按比例裁决" }, key());
    move(escrowId(milestoneId), payeeAccount, payeeFen);
    const parts = splitByShares(amountFen - payeeFen, accounts);
    parts.forEach((part, i) => {
      // The stated rule: within one fen of the exact proportion, never above the share.
      expect(
        Math.abs(part.amountFen - ((amountFen - payeeFen) * accounts[i]!.shareFen) / amountFen),
      ).toBeLessThan(1);
      expect(part.amountFen).toBeLessThanOrEqual(accounts[i]!.shareFen);
      move(escrowId(milestoneId), part.id, part.amountFen);
    });
  } else {
    await terminate(setup.payer.head, setup.agreement.id, "项目取消");
    // Fully funded: the split of the whole escrow is each share; partly funded: each paid share back.
    parties.forEach((party, position) => {
      if (toFund[position]) move(escrowId(milestoneId), party.accountId, party.shareFen);
    });
  }

  const after = new Map(await Promise.all(tracked.map(async (id) => [id, await balanceOf(id)] as const)));
  expect(Object.fromEntries(tracked.map((id) => [id, after.get(id)! - before.get(id)!]))).toEqual(
    Object.fromEntries(expected),
  );
  expect(after.get(escrowId(milestoneId))).toBe(0);
  const final = await db.milestone.findUniqueOrThrow({
    where: { id: milestoneId },
    select: { status: true, refundedAt: true },
  });
  if (ending.kind === "partial")
    expect(final.status === "PLANNED" && (final.refundedAt !== null || toFund.every((f) => !f))).toBe(true);
  else expect(["RELEASED", "RESOLVED", "REFUNDED"]).toContain(final.status);
}

describe("co-funded milestones keep every ledger invariant (fast-check)", () => {
  it(`hold over ${RUNS} random co-funded milestones`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (value) => {
        await runScenario(value);
        expect(await checkLedgerInvariants()).toEqual({
          sumOfBalances: 0,
          drifted: [],
          unbalanced: [],
          negative: [],
        });
        // Escrow of every settled milestone is empty.
        const leftovers = await db.$queryRaw<{ id: string }[]>`
          SELECT a.id FROM "LedgerAccount" a JOIN "Milestone" m ON a."milestoneId" = m.id
          WHERE a."balanceFen" <> 0 AND (m.status IN ('RELEASED', 'RESOLVED', 'REFUNDED') OR m."refundedAt" IS NOT NULL)`;
        expect(leftovers).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
