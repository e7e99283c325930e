import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  propose,
  proposeAmendment,
  sign,
  terminate,
  updateDraftTerms,
} from "~/modules/agreements/agreements.server";
import {
  cofundingSummary,
  getFundersView,
  listProgrammeCopays,
  setFunders,
} from "~/modules/cofunding/cofunding.server";
import {
  acceptMilestone,
  disputeMilestone,
  fundMilestone,
  fundShare,
  resolveDispute,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { balanceOf, checkLedgerInvariants, escrowId, walletId } from "~/modules/ledger/ledger.server";
import { seedCofundingDemo } from "~/modules/demo/seed-cofunding.server";
import { useTestDatabase } from "../support/database";
import {
  createCoFundedMilestone,
  createCoPayProgramme,
  createCoPayer,
  key,
} from "../support/cofunding-factories";
import {
  createActiveAgreement,
  createBureau,
  deposit,
  milestoneStatus,
  payerOwner,
} from "../support/escrow-factories";
import { createExpert, createVillage } from "../support/needs-factories";
import { approveDirectly, createApplication } from "../support/programmes-factories";
import { createSignedAgreement, signedTermsFor } from "../support/agreements-factories";
import { TEST_PASSWORD, createUser } from "../support/factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-cofunding-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

afterEach(async () => {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "no refusal",
    (error: { code?: string }) => error.code ?? String(error),
  );

async function fundAll(setup: Awaited<ReturnType<typeof createCoFundedMilestone>>) {
  const [own, copay] = await db.milestoneFunder.findMany({
    where: { milestoneId: setup.milestone.id },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  await fundShare(setup.payer.head, setup.milestone.id, own!.id, key());
  await fundShare(setup.programme.bureau, setup.milestone.id, copay!.id, key());
}

describe("setting the payers", () => {
  it("requires the shares to add up to the milestone amount, naming the difference", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [10_000] });
    const other = await createCoPayer();
    const payerAccount = walletId(payerOwner(payer));
    const error = await setFunders(payer.head, milestones[0]!.id, [
      { accountId: payerAccount, shareFen: 3_000 },
      { accountId: other.accountId, shareFen: 6_000 },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "cofunding.shares_mismatch",
      params: { total: "¥90", amount: "¥100", difference: "−¥10" },
    });
    expect(await db.milestoneFunder.count()).toBe(0);
  });

  it("turns percentages into fen by the largest-remainder rule and tells the other payers", async () => {
    const { milestones, payer, agreement } = await createActiveAgreement({ amounts: [10_001] });
    const other = await createCoPayer();
    const milestoneId = milestones[0]!.id;
    await setFunders(payer.head, milestoneId, [
      { accountId: walletId(payerOwner(payer)), shareBp: 3_000 },
      { accountId: other.accountId, shareBp: 7_000 },
    ]);
    const rows = await db.milestoneFunder.findMany({
      where: { milestoneId },
      orderBy: { position: "asc" },
      select: { position: true, shareFen: true },
    });
    expect(rows).toEqual([
      { position: 0, shareFen: 3_000 },
      { position: 1, shareFen: 7_001 },
    ]);
    expect(
      await db.notification.count({
        where: { userId: other.farmer.id, type: "milestone.cofunding_requested" },
      }),
    ).toBe(1);
    expect(
      await db.notification.count({
        where: { userId: payer.head.id, type: "milestone.cofunding_requested" },
      }),
    ).toBe(0);
    expect(
      await db.auditLog.count({ where: { action: "milestone.funders_set", subjectId: milestoneId } }),
    ).toBe(1);
    expect(await cofundingSummary(agreement.id)).toEqual({ [milestoneId]: { payers: 2, funded: 0 } });

    await setFunders(payer.head, milestoneId, []);
    expect(await db.milestoneFunder.count({ where: { milestoneId } })).toBe(0);
  });

  it("refuses duplicates, more than five payers, unverified organisations, unpublished programmes and the wrong side", async () => {
    const { milestones, payer, payee } = await createActiveAgreement({ amounts: [10_000] });
    const milestoneId = milestones[0]!.id;
    const own = walletId(payerOwner(payer));
    expect(
      await refusal(
        setFunders(payer.head, milestoneId, [
          { accountId: own, shareFen: 5_000 },
          { accountId: own, shareFen: 5_000 },
        ]),
      ),
    ).toBe("cofunding.duplicate");
    const six = await Promise.all(Array.from({ length: 6 }, () => createCoPayer()));
    expect(
      await refusal(
        setFunders(
          payer.head,
          milestoneId,
          six.map((p) => ({ accountId: p.accountId, shareFen: 1_000 })),
        ),
      ),
    ).toBe("cofunding.too_many");
    const unverified = await createCoPayer();
    await db.organisation.update({ where: { id: unverified.organisation.id }, data: { verifiedAt: null } });
    expect(
      await refusal(
        setFunders(payer.head, milestoneId, [
          { accountId: own, shareFen: 5_000 },
          { accountId: unverified.accountId, shareFen: 5_000 },
        ]),
      ),
    ).toBe("cofunding.org_unverified");
    const draft = await db.programme.create({
      data: {
        kind: "GRANT",
        year: 2026,
        title: "草稿项目",
        description: "未发布",
        budgetFen: 100_000,
        deadline: new Date(Date.now() + 86_400_000),
        createdById: payer.head.id,
      },
      select: { id: true },
    });
    expect(
      await refusal(
        setFunders(payer.head, milestoneId, [{ accountId: `programme:${draft.id}`, shareFen: 10_000 }]),
      ),
    ).toBe("cofunding.programme_unavailable");
    expect(
      await refusal(
        setFunders(payer.head, milestoneId, [
          { accountId: walletId({ userId: payee.id }), shareFen: 10_000 },
        ]),
      ),
    ).toBe("cofunding.payer_invalid");
    expect(await refusal(setFunders(payee, milestoneId, [{ accountId: own, shareFen: 10_000 }]))).toBe(
      "escrow.wrong_side",
    );
    expect(await db.milestoneFunder.count()).toBe(0);
  });

  it("refuses a programme co-pay that would take money owed to approved applicants", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [100_000] });
    const programme = await createCoPayProgramme(1_000_000);
    const { application } = await createApplication(programme.programme.id, { requestedFen: 950_000 });
    await approveDirectly(application.id, 950_000);
    const own = walletId(payerOwner(payer));
    const error = await setFunders(payer.head, milestones[0]!.id, [
      { accountId: own, shareFen: 30_000 },
      { accountId: programme.accountId, shareFen: 70_000 },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "cofunding.programme_insufficient", params: { available: "¥500" } });
    // Within what is free it is accepted, and the view offers what is left for further co-pays.
    await setFunders(payer.head, milestones[0]!.id, [
      { accountId: own, shareFen: 60_000 },
      { accountId: programme.accountId, shareFen: 40_000 },
    ]);
    const view = await getFundersView(
      (
        await db.milestone.findUniqueOrThrow({
          where: { id: milestones[0]!.id },
          select: { agreementId: true },
        })
      ).agreementId,
      milestones[0]!.id,
      payer.head,
    );
    expect(view.options?.programmes.find((p) => p.accountId === programme.accountId)?.availableFen).toBe(
      10_000,
    );
  });
});

describe("funding shares", () => {
  it("lets each payer fund only its own share, once per key, and funds the milestone when the last share is in", async () => {
    const setup = await createCoFundedMilestone({ amountFen: 10_000, payerShareFen: 3_000 });
    const { milestone, payer, payee, programme } = setup;
    const [own, copay] = await db.milestoneFunder.findMany({
      where: { milestoneId: milestone.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });

    expect(await refusal(fundMilestone(payer.head, milestone.id, key()))).toBe("cofunding.use_shares");
    expect(await refusal(fundShare(payer.head, milestone.id, copay!.id, key()))).toBe(
      "cofunding.not_your_share",
    );
    expect(await refusal(fundShare(programme.bureau, milestone.id, own!.id, key()))).toBe(
      "cofunding.not_your_share",
    );
    expect(await refusal(fundShare(payee, milestone.id, own!.id, key()))).toBe("cofunding.not_your_share");

    const first = key();
    const paid = await fundShare(payer.head, milestone.id, own!.id, first);
    expect(paid).toMatchObject({ status: "PLANNED", remaining: 1, shareFen: 3_000 });
    expect(await fundShare(payer.head, milestone.id, own!.id, first)).toEqual(paid);
    expect(await refusal(fundShare(payer.head, milestone.id, copay!.id, first))).toBe(
      "idempotency.key_reused",
    );
    expect(await refusal(fundShare(payer.head, milestone.id, own!.id, key()))).toBe("cofunding.share_funded");
    expect(
      await db.ledgerTransfer.count({ where: { milestoneId: milestone.id, reason: "MILESTONE_FUND" } }),
    ).toBe(1);
    expect(await milestoneStatus(milestone.id)).toBe("PLANNED");
    expect(await balanceOf(escrowId(milestone.id))).toBe(3_000);
    // Nobody may change the payers once money is in.
    expect(await refusal(setFunders(payer.head, milestone.id, []))).toBe("cofunding.locked");

    const last = await fundShare(programme.bureau, milestone.id, copay!.id, key());
    expect(last).toMatchObject({ status: "FUNDED", remaining: 0 });
    expect(await milestoneStatus(milestone.id)).toBe("FUNDED");
    expect(await balanceOf(escrowId(milestone.id))).toBe(10_000);
    expect(await balanceOf(programme.accountId)).toBe(1_000_000 - 7_000);
    expect(await db.notification.count({ where: { userId: payee.id, type: "milestone.funded" } })).toBe(1);
  });

  it("lets a paying member of another organisation fund its share, and refuses an empty wallet", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [10_000] });
    const milestoneId = milestones[0]!.id;
    const other = await createCoPayer();
    await deposit(payerOwner(payer), 4_000);
    await setFunders(payer.head, milestoneId, [
      { accountId: walletId(payerOwner(payer)), shareFen: 4_000 },
      { accountId: other.accountId, shareFen: 6_000 },
    ]);
    const copay = await db.milestoneFunder.findFirstOrThrow({
      where: { milestoneId, accountId: other.accountId },
      select: { id: true },
    });
    expect(await refusal(fundShare(other.farmer, milestoneId, copay.id, key()))).toBe(
      "cofunding.insufficient_funds",
    );
    await deposit({ organisationId: other.organisation.id }, 6_000);
    await fundShare(other.farmer, milestoneId, copay.id, key());
    expect(await balanceOf(other.accountId)).toBe(0);
    const row = await db.milestoneFunder.findUniqueOrThrow({
      where: { id: copay.id },
      select: { fundedById: true, transferId: true },
    });
    expect(row.fundedById).toBe(other.farmer.id);
    expect(row.transferId).toBeTruthy();
  });

  it("refuses a programme share at funding time when approvals have since taken the money", async () => {
    const setup = await createCoFundedMilestone({ amountFen: 100_000, payerShareFen: 30_000 });
    const { application } = await createApplication(setup.programme.programme.id, { requestedFen: 950_000 });
    await approveDirectly(application.id, 950_000);
    const copay = await db.milestoneFunder.findFirstOrThrow({
      where: { milestoneId: setup.milestone.id, accountId: setup.programme.accountId },
      select: { id: true },
    });
    expect(await refusal(fundShare(setup.programme.bureau, setup.milestone.id, copay.id, key()))).toBe(
      "cofunding.programme_insufficient",
    );
    expect(await balanceOf(setup.programme.accountId)).toBe(1_000_000);
  });
});

describe("where co-funded money goes", () => {
  it("pays the whole escrow to the expert on acceptance", async () => {
    const setup = await createCoFundedMilestone();
    await fundAll(setup);
    await submitMilestone(setup.payee, setup.milestone.id, { note: "已完成现场指导", files: [] });
    await acceptMilestone(setup.payer.head, setup.milestone.id, key());
    expect(await balanceOf(walletId({ userId: setup.payee.id }))).toBe(10_000);
    expect(await balanceOf(escrowId(setup.milestone.id))).toBe(0);
    expect(await listProgrammeCopays(setup.programme.programme.id)).toMatchObject([
      { shareFen: 7_000, milestone: { status: "RELEASED" } },
    ]);
  });

  it("splits a ruling's refund back by share with the stated rule", async () => {
    const setup = await createCoFundedMilestone({ amountFen: 10_001, payerShareFen: 3_001 });
    await fundAll(setup);
    await disputeMilestone(setup.payer.head, setup.milestone.id, "成果与验收标准不符");
    const bureau = await createBureau();
    await resolveDispute(bureau, setup.milestone.id, { payeeFen: 5_000, note: "各担一半" }, key());
    // Refund 5 001: 5001×3001/10001 = 1500.65 → 1500 (+1, larger remainder); 5001×7000/10001 = 3500.35 → 3500.
    expect(await balanceOf(setup.payerAccount)).toBe(1_501);
    expect(await balanceOf(setup.programme.accountId)).toBe(1_000_000 - 7_000 + 3_500);
    expect(await balanceOf(walletId({ userId: setup.payee.id }))).toBe(5_000);
    expect(await balanceOf(escrowId(setup.milestone.id))).toBe(0);
    expect(
      await db.ledgerTransfer.count({ where: { milestoneId: setup.milestone.id, reason: "DISPUTE_REFUND" } }),
    ).toBe(2);
  });

  it("returns each payer its share when a funded co-funded milestone is terminated", async () => {
    const setup = await createCoFundedMilestone({ amountFen: 10_000, payerShareFen: 3_000 });
    await fundAll(setup);
    await terminate(setup.payer.head, setup.agreement.id, "项目取消");
    expect(await milestoneStatus(setup.milestone.id)).toBe("REFUNDED");
    expect(await balanceOf(setup.payerAccount)).toBe(3_000);
    expect(await balanceOf(setup.programme.accountId)).toBe(1_000_000);
    expect(await balanceOf(escrowId(setup.milestone.id))).toBe(0);
  });

  it("returns exactly the shares paid when a partly funded milestone is terminated", async () => {
    const setup = await createCoFundedMilestone({ amountFen: 10_000, payerShareFen: 3_000 });
    const own = await db.milestoneFunder.findFirstOrThrow({
      where: { milestoneId: setup.milestone.id, position: 0 },
      select: { id: true },
    });
    await fundShare(setup.payer.head, setup.milestone.id, own.id, key());
    await terminate(setup.payer.head, setup.agreement.id, "项目取消");
    expect(await balanceOf(setup.payerAccount)).toBe(3_000);
    expect(await balanceOf(setup.programme.accountId)).toBe(1_000_000);
    expect(await balanceOf(escrowId(setup.milestone.id))).toBe(0);
    const milestone = await db.milestone.findUniqueOrThrow({
      where: { id: setup.milestone.id },
      select: { status: true, refundedAt: true },
    });
    expect(milestone.status).toBe("PLANNED");
    expect(milestone.refundedAt).not.toBeNull();
    expect(
      await db.ledgerTransfer.count({
        where: { milestoneId: setup.milestone.id, reason: "MILESTONE_REFUND" },
      }),
    ).toBe(1);
  });
});

describe("amendments of co-funded milestones", () => {
  it("refuses to change a milestone once one share is paid, and drops stale shares when an unpaid one changes amount", async () => {
    const { agreement, milestones, payer, payee, payerWallet } = await createSignedAgreement({
      milestones: [10_000, 20_000],
    });
    const other = await createCoPayer();
    const first = milestones[0]!;
    const second = milestones[1]!;
    await setFunders(payer, first.id, [
      { accountId: payerWallet, shareFen: 4_000 },
      { accountId: other.accountId, shareFen: 6_000 },
    ]);
    await setFunders(payer, second.id, [
      { accountId: payerWallet, shareFen: 5_000 },
      { accountId: other.accountId, shareFen: 15_000 },
    ]);
    const own = await db.milestoneFunder.findFirstOrThrow({
      where: { milestoneId: first.id, position: 0 },
      select: { id: true },
    });
    await fundShare(payer, first.id, own.id, key());

    await proposeAmendment(payer, agreement.id, "调整金额");
    await updateDraftTerms(payer, agreement.id, signedTermsFor({ milestones: [12_000, 20_000] }));
    expect(await refusal(propose(payer, agreement.id))).toBe("agreement.milestone_locked");

    await updateDraftTerms(payer, agreement.id, signedTermsFor({ milestones: [10_000, 25_000] }));
    await propose(payer, agreement.id);
    await sign(payer, agreement.id, TEST_PASSWORD, "10.5.0.1");
    await sign(payee, agreement.id, TEST_PASSWORD, "10.5.0.2");
    expect(
      await db.milestone.findUniqueOrThrow({ where: { id: second.id }, select: { amountFen: true } }),
    ).toEqual({ amountFen: 25_000 });
    expect(await db.milestoneFunder.count({ where: { milestoneId: second.id } })).toBe(0);
    expect(await db.milestoneFunder.count({ where: { milestoneId: first.id } })).toBe(2);
  });
});

describe("the demo data", () => {
  it("seeds a half-funded co-funded milestone that programme staff can finish funding", async () => {
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const programme = await createCoPayProgramme(50_000_000);
    const finance = await createUser({ role: "ADMIN" });
    const seeded = await db.$transaction((tx) =>
      seedCofundingDemo(
        tx,
        {
          coopOrganisationId: organisation.id,
          villageHeadId: head.id,
          expertId: expert.id,
          bureauUserId: programme.bureau.id,
          financeUserId: finance.id,
          programmeId: programme.programme.id,
        },
        new Date(),
      ),
    );
    expect(await balanceOf(escrowId(seeded.milestoneId))).toBe(600_000);
    await fundShare(programme.bureau, seeded.milestoneId, seeded.programmeFunderId, key());
    expect(await milestoneStatus(seeded.milestoneId)).toBe("FUNDED");
    expect(await balanceOf(escrowId(seeded.milestoneId))).toBe(2_000_000);
  });
});
