import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import {
  acceptMilestone,
  disputeMilestone,
  fundMilestone,
  getMilestonesView,
  refundFundedMilestones,
  rejectMilestone,
  releaseDueMilestones,
  resolveDispute,
  startEscrowJobs,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { balanceOf, checkLedgerInvariants, escrowId, walletId } from "~/modules/ledger/ledger.server";
import { grantFinance } from "~/modules/wallet/finance-members.server";
import { useTestDatabase } from "../support/database";
import { createOrganisation, createUser } from "../support/factories";
import { actorOf, addMember } from "../support/needs-factories";
import {
  agreementStatus,
  createActiveAgreement,
  createBureau,
  createPayer,
  deposit,
  jpegFile,
  milestoneStatus,
  payerOwner,
} from "../support/escrow-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-escrow-"));
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

type Milestone = { id: string; amountFen: number };
const key = () => randomUUID();
const DAY = 24 * 60 * 60 * 1000;

async function fundedAndSubmitted(amounts = [10_000]) {
  const setup = await createActiveAgreement({ amounts });
  await deposit(
    payerOwner(setup.payer),
    amounts.reduce((a, b) => a + b, 0),
  );
  for (const milestone of setup.milestones) {
    await fundMilestone(setup.payer.head, milestone.id, key());
    await submitMilestone(setup.payee, milestone.id, { note: "已完成现场指导，附照片", files: [] });
  }
  return setup;
}

describe("the milestone happy path", () => {
  it("funds, delivers with photos, accepts and pays, then completes the agreement", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({
      amounts: [10_000, 20_000],
    });
    const payerWallet = await deposit(payerOwner(payer), 50_000);
    const [first, second] = milestones as [Milestone, Milestone];

    const funded = await fundMilestone(payer.head, first.id, key());
    expect(funded).toMatchObject({ status: "FUNDED", amountFen: 10_000 });
    await fundMilestone(payer.head, second.id, key());
    expect(await balanceOf(payerWallet)).toBe(20_000);
    expect(await balanceOf(escrowId(first.id))).toBe(10_000);
    expect(await db.notification.count({ where: { userId: payee.id, type: "milestone.funded" } })).toBe(2);

    const before = Date.now();
    const { submissionId } = await submitMilestone(payee, first.id, {
      note: "菌棒消毒流程已培训 30 人",
      files: [await jpegFile()],
    });
    const row = await db.milestone.findUniqueOrThrow({
      where: { id: first.id },
      select: { status: true, submittedAt: true, reviewDueAt: true },
    });
    expect(row.status).toBe("SUBMITTED");
    expect(row.reviewDueAt!.getTime() - row.submittedAt!.getTime()).toBe(14 * DAY);
    expect(row.submittedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await db.milestoneFile.count({ where: { submissionId } })).toBe(1);
    expect(
      await db.notification.count({ where: { userId: payer.head.id, type: "milestone.submitted" } }),
    ).toBe(1);

    const view = await getMilestonesView(agreement.id, payer.head.id);
    expect(view[0]).toMatchObject({
      status: "SUBMITTED",
      escrowFen: 10_000,
      canAccept: true,
      canReject: true,
      canSubmit: false,
      canFund: false,
    });
    expect(view[0]!.submissions[0]).toMatchObject({
      note: "菌棒消毒流程已培训 30 人",
      files: [{ name: "field.jpg" }],
    });
    expect((await getMilestonesView(agreement.id, payee.id))[0]).toMatchObject({
      canAccept: false,
      canDispute: true,
    });

    const released = await acceptMilestone(payer.head, first.id, key());
    expect(released).toMatchObject({ status: "RELEASED", amountFen: 10_000, agreementStatus: "ACTIVE" });
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(10_000);
    expect(await balanceOf(escrowId(first.id))).toBe(0);
    expect(await agreementStatus(agreement.id)).toBe("ACTIVE");

    await submitMilestone(payee, second.id, { note: "第二阶段完成", files: [] });
    const last = await acceptMilestone(payer.head, second.id, key());
    expect(last.agreementStatus).toBe("COMPLETED");
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(30_000);
    expect(await balanceOf(payerWallet)).toBe(20_000);
    const done = await db.agreement.findUniqueOrThrow({
      where: { id: agreement.id },
      select: { status: true, completedAt: true },
    });
    expect(done.status).toBe("COMPLETED");
    expect(done.completedAt).not.toBeNull();
    const audits = await db.auditLog.findMany({
      where: { subjectId: { in: [first.id, agreement.id] } },
      select: { action: true },
    });
    expect(audits.map((audit) => audit.action)).toEqual(
      expect.arrayContaining([
        "milestone.funded",
        "milestone.submitted",
        "milestone.released",
        "agreement.completed",
      ]),
    );
  });

  it("keeps an agreement with a revenue share ACTIVE after its milestones are paid", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({
      amounts: [5_000],
      extraComponents: [
        {
          type: "REVENUE_SHARE",
          shareBp: 500,
          base: "REVENUE",
          period: "QUARTER",
          startDate: "2026-04-01",
          termMonths: 24,
        },
      ],
    });
    await deposit(payerOwner(payer), 5_000);
    await fundMilestone(payer.head, milestones[0]!.id, key());
    await submitMilestone(payee, milestones[0]!.id, { note: "完成", files: [] });
    expect((await acceptMilestone(payer.head, milestones[0]!.id, key())).agreementStatus).toBe("ACTIVE");
    expect(await agreementStatus(agreement.id)).toBe("ACTIVE");
  });

  it("lets a rejected delivery be submitted again, with a new review window", async () => {
    const { milestones, payer, payee } = await fundedAndSubmitted();
    const id = milestones[0]!.id;
    await rejectMilestone(payer.head, id, "照片看不清，请补充消毒记录");
    const rejected = await db.milestone.findUniqueOrThrow({
      where: { id },
      select: { status: true, rejectionReason: true, reviewDueAt: true },
    });
    expect(rejected).toEqual({
      status: "REJECTED",
      rejectionReason: "照片看不清，请补充消毒记录",
      reviewDueAt: null,
    });
    expect(await db.notification.count({ where: { userId: payee.id, type: "milestone.rejected" } })).toBe(1);
    await expect(acceptMilestone(payer.head, id, key())).rejects.toMatchObject({
      code: "escrow.invalid_transition",
    });

    await submitMilestone(payee, id, { note: "补充了消毒记录", files: [] });
    expect(await milestoneStatus(id)).toBe("SUBMITTED");
    expect(await db.milestoneSubmission.count({ where: { milestoneId: id } })).toBe(2);
    await acceptMilestone(payer.head, id, key());
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(10_000);
  });
});

describe("disputes", () => {
  it("puts the agreement in dispute and carries out the bureau's split", async () => {
    const { agreement, milestones, payer, payee } = await fundedAndSubmitted([10_000, 4_000]);
    const [first] = milestones;
    await disputeMilestone(payee, first!.id, "付款方逾期不验收");
    expect(await milestoneStatus(first!.id)).toBe("DISPUTED");
    expect(await agreementStatus(agreement.id)).toBe("DISPUTED");
    expect(
      await db.notification.count({ where: { userId: payer.head.id, type: "milestone.disputed" } }),
    ).toBe(1);

    const bureau = await createBureau();
    await expect(
      resolveDispute(payer.head, first!.id, { payeeFen: 1, note: "自己裁决" }, key()),
    ).rejects.toMatchObject({ code: "escrow.wrong_side" });
    for (const payeeFen of [-1, 10_001, 12.5]) {
      await expect(
        resolveDispute(bureau, first!.id, { payeeFen, note: "裁决" }, key()),
      ).rejects.toMatchObject({ code: "escrow.split_out_of_range" });
    }
    const ruling = await resolveDispute(
      bureau,
      first!.id,
      { payeeFen: 3_000, note: "完成了约三成工作" },
      key(),
    );
    expect(ruling).toMatchObject({
      status: "RESOLVED",
      payeeFen: 3_000,
      refundFen: 7_000,
      agreementStatus: "ACTIVE",
    });
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(3_000);
    expect(await balanceOf(walletId(payerOwner(payer)))).toBe(7_000);
    expect(await balanceOf(escrowId(first!.id))).toBe(0);
    const row = await db.milestone.findUniqueOrThrow({
      where: { id: first!.id },
      select: { resolvedById: true, resolutionPayeeFen: true, resolutionNote: true },
    });
    expect(row).toEqual({
      resolvedById: bureau.id,
      resolutionPayeeFen: 3_000,
      resolutionNote: "完成了约三成工作",
    });
    expect(
      await db.notification.count({
        where: { type: "milestone.resolved", userId: { in: [payer.head.id, payee.id] } },
      }),
    ).toBe(2);
  });

  it("keeps the agreement DISPUTED until its last dispute is ruled on, then completes it", async () => {
    const { agreement, milestones, payer } = await fundedAndSubmitted([6_000, 4_000]);
    const [a, b] = milestones as [Milestone, Milestone];
    await disputeMilestone(payer.head, a.id, "成果不符合验收标准");
    await disputeMilestone(payer.head, b.id, "成果不符合验收标准");
    const bureau = await createBureau();
    expect(
      (await resolveDispute(bureau, a.id, { payeeFen: 6_000, note: "全部付给技术方" }, key()))
        .agreementStatus,
    ).toBe("DISPUTED");
    expect(
      (await resolveDispute(bureau, b.id, { payeeFen: 0, note: "全部退回" }, key())).agreementStatus,
    ).toBe("COMPLETED");
    expect(await agreementStatus(agreement.id)).toBe("COMPLETED");
    expect(await balanceOf(walletId(payerOwner(payer)))).toBe(4_000);
  });

  it("refuses a dispute from someone outside the agreement and on a paid milestone", async () => {
    const { milestones, payer } = await fundedAndSubmitted([1_000, 1_000]);
    const stranger = await actorOf((await createUser({ role: "VILLAGE" })).id);
    await expect(disputeMilestone(stranger, milestones[0]!.id, "不关我事")).rejects.toMatchObject({
      code: "escrow.wrong_side",
    });
    await acceptMilestone(payer.head, milestones[0]!.id, key());
    await expect(disputeMilestone(payer.head, milestones[0]!.id, "反悔了")).rejects.toMatchObject({
      code: "escrow.invalid_transition",
    });
  });

  it("lets the expert's institution, which co-signs, open a dispute but not deliver", async () => {
    const { agreement, milestones, payer } = await fundedAndSubmitted([1_000]);
    const institution = await createOrganisation("UNIVERSITY");
    await db.agreement.update({ where: { id: agreement.id }, data: { payeeOrganisationId: institution.id } });
    const officer = await addMember(institution.id, "INSTITUTION");
    await expect(
      submitMilestone(officer, milestones[0]!.id, { note: "代交", files: [] }),
    ).rejects.toMatchObject({ code: "escrow.wrong_side" });
    await disputeMilestone(officer, milestones[0]!.id, "付款方拖延验收");
    expect(await milestoneStatus(milestones[0]!.id)).toBe("DISPUTED");
    expect(
      await db.notification.count({ where: { userId: payer.head.id, type: "milestone.disputed" } }),
    ).toBe(1);
  });
});

describe("refunds on termination", () => {
  it("returns the escrow of funded and rejected milestones to the payer", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({
      amounts: [1_000, 2_000, 4_000],
    });
    const wallet = await deposit(payerOwner(payer), 7_000);
    const [funded, rejected, planned] = milestones as [Milestone, Milestone, Milestone];
    await fundMilestone(payer.head, funded.id, key());
    await fundMilestone(payer.head, rejected.id, key());
    await submitMilestone(payee, rejected.id, { note: "交付", files: [] });
    await rejectMilestone(payer.head, rejected.id, "不合格");
    expect(await balanceOf(wallet)).toBe(4_000);

    const result = await db.$transaction((tx) => refundFundedMilestones(tx, agreement.id, payer.head.id));
    expect(result.refunded).toEqual([
      { milestoneId: funded.id, amountFen: 1_000 },
      { milestoneId: rejected.id, amountFen: 2_000 },
    ]);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(await balanceOf(wallet)).toBe(7_000);
    expect(await milestoneStatus(funded.id)).toBe("REFUNDED");
    expect(await milestoneStatus(rejected.id)).toBe("REFUNDED");
    expect(await milestoneStatus(planned.id)).toBe("PLANNED");
  });

  it("refuses while a delivery awaits review, changing nothing", async () => {
    const { agreement, milestones, payer } = await fundedAndSubmitted([1_000, 2_000]);
    await db.milestone.update({ where: { id: milestones[1]!.id }, data: { status: "FUNDED" } });
    const transfers = await db.ledgerTransfer.count();
    await expect(
      db.$transaction((tx) => refundFundedMilestones(tx, agreement.id, payer.head.id)),
    ).rejects.toMatchObject({ code: "escrow.cannot_terminate" });
    expect(await db.ledgerTransfer.count()).toBe(transfers);
    expect(await milestoneStatus(milestones[0]!.id)).toBe("SUBMITTED");
  });
});

describe("refusals", () => {
  it("refuses funding beyond the wallet with a clear error and changes nothing", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [10_000] });
    const wallet = await deposit(payerOwner(payer), 500);
    const transfers = await db.ledgerTransfer.count();
    const fundKey = key();
    const refusal = await fundMilestone(payer.head, milestones[0]!.id, fundKey).catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({
      code: "escrow.insufficient_funds",
      params: { amount: "¥100", balance: "¥5" },
    });
    expect(await milestoneStatus(milestones[0]!.id)).toBe("PLANNED");
    expect(await db.ledgerTransfer.count()).toBe(transfers);
    expect(await db.ledgerAccount.count({ where: { milestoneId: milestones[0]!.id } })).toBe(0);
    expect(await balanceOf(wallet)).toBe(500);
    // The refused attempt left no key behind: after a top-up the same request goes through.
    await deposit(payerOwner(payer), 9_500);
    expect(await fundMilestone(payer.head, milestones[0]!.id, fundKey)).toMatchObject({ status: "FUNDED" });
  });

  it("lets only the right side act", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({ amounts: [1_000] });
    await deposit(payerOwner(payer), 1_000);
    const id = milestones[0]!.id;
    const farmer = await addMember(payer.organisationId!, "FARMER");
    await expect(fundMilestone(payee, id, key())).rejects.toMatchObject({ code: "escrow.wrong_side" });
    await expect(fundMilestone(farmer, id, key())).rejects.toMatchObject({ code: "escrow.wrong_side" });
    // Another village-role member of the paying organisation acts for it — and pays from its
    // wallet once the head granted them the finance permission.
    const secretary = await addMember(payer.organisationId!, "VILLAGE");
    await expect(fundMilestone(secretary, id, key())).rejects.toMatchObject({
      code: "wallet.finance_permission_required",
    });
    await grantFinance(payer.head, payer.organisationId!, { userId: secretary.id, granted: true });
    await fundMilestone(secretary, id, key());
    await expect(submitMilestone(payer.head, id, { note: "代交", files: [] })).rejects.toMatchObject({
      code: "escrow.wrong_side",
    });
    await submitMilestone(payee, id, { note: "交付", files: [] });
    await expect(acceptMilestone(payee, id, key())).rejects.toMatchObject({ code: "escrow.wrong_side" });
    await expect(rejectMilestone(payee, id, "自己拒绝")).rejects.toMatchObject({ code: "escrow.wrong_side" });
    const stranger = await actorOf((await createUser({ role: "FARMER" })).id);
    await expect(getMilestonesView(agreement.id, stranger.id)).rejects.toMatchObject({
      code: "escrow.wrong_side",
    });
    const bureau = await createBureau();
    expect((await getMilestonesView(agreement.id, bureau.id))[0]).toMatchObject({
      canAccept: false,
      canResolve: false,
    });
  });

  it("refuses funding when the agreement is not in force", async () => {
    const { agreement, milestones, payer } = await createActiveAgreement({ amounts: [1_000] });
    await deposit(payerOwner(payer), 1_000);
    await db.agreement.update({ where: { id: agreement.id }, data: { status: "TERMINATED" } });
    await expect(fundMilestone(payer.head, milestones[0]!.id, key())).rejects.toMatchObject({
      code: "escrow.agreement_not_active",
    });
  });
});

describe("idempotency", () => {
  it("returns the first result on a replay and moves the money once", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [1_000, 2_000] });
    const wallet = await deposit(payerOwner(payer), 5_000);
    const fundKey = key();
    const first = await fundMilestone(payer.head, milestones[0]!.id, fundKey);
    const again = await fundMilestone(payer.head, milestones[0]!.id, fundKey);
    expect(again).toEqual(first);
    expect(await balanceOf(wallet)).toBe(4_000);
    expect(await db.ledgerTransfer.count({ where: { milestoneId: milestones[0]!.id } })).toBe(1);
  });

  it("refuses the same key with other parameters", async () => {
    const { milestones, payer } = await createActiveAgreement({ amounts: [1_000, 2_000] });
    await deposit(payerOwner(payer), 5_000);
    const fundKey = key();
    await fundMilestone(payer.head, milestones[0]!.id, fundKey);
    await expect(fundMilestone(payer.head, milestones[1]!.id, fundKey)).rejects.toMatchObject({
      code: "idempotency.key_reused",
    });
    await expect(acceptMilestone(payer.head, milestones[0]!.id, fundKey)).rejects.toMatchObject({
      code: "idempotency.key_reused",
    });
    expect(await milestoneStatus(milestones[1]!.id)).toBe("PLANNED");
  });
});

describe("concurrency", () => {
  it("releases once when fifty accepts race (tabs, colleagues), and tells every one of them it is paid", async () => {
    const { milestones, payer, payee } = await fundedAndSubmitted([10_000]);
    const id = milestones[0]!.id;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => acceptMilestone(payer.head, id, key())),
    );
    expect(results.filter((result) => !("alreadyDone" in result))).toHaveLength(1);
    expect(new Set(results.map((result) => result.status))).toEqual(new Set(["RELEASED"]));
    expect(new Set(results.map((result) => result.transferId)).size).toBe(1);
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(10_000);
    expect(await db.ledgerTransfer.count({ where: { milestoneId: id, reason: "MILESTONE_RELEASE" } })).toBe(
      1,
    );
    expect(await db.notification.count({ where: { userId: payee.id, type: "milestone.released" } })).toBe(1);
  });

  it("answers a burst of the same accept with one release and the same result", async () => {
    const { milestones, payer, payee } = await fundedAndSubmitted([10_000]);
    const acceptKey = key();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => acceptMilestone(payer.head, milestones[0]!.id, acceptKey)),
    );
    expect(new Set(results.map((result) => result.transferId)).size).toBe(1);
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(10_000);
  });

  it("never overdraws the payer's wallet when many milestones are funded at once", async () => {
    const payer = await createPayer();
    const one = await createActiveAgreement({ amounts: [1_000, 1_000, 1_000, 1_000], payer });
    const two = await createActiveAgreement({ amounts: [1_000, 1_000, 1_000, 1_000], payer });
    const wallet = await deposit(payerOwner(payer), 5_000);
    const all = [...one.milestones, ...two.milestones];
    const results = await Promise.allSettled(
      all.map((milestone) => fundMilestone(payer.head, milestone.id, key())),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "escrow.insufficient_funds" });
    }
    expect(await balanceOf(wallet)).toBe(0);
    expect(await db.milestone.count({ where: { id: { in: all.map((m) => m.id) }, status: "FUNDED" } })).toBe(
      5,
    );
  });
});

describe("auto-release", () => {
  it("releases due milestones once even when two job runs race, and leaves the others", async () => {
    const due = await fundedAndSubmitted([1_000, 2_000]);
    const notYet = await fundedAndSubmitted([4_000]);
    await db.milestone.updateMany({
      where: { id: { in: due.milestones.map((m) => m.id) } },
      data: { reviewDueAt: new Date(Date.now() - 60_000) },
    });

    const [a, b] = await Promise.all([releaseDueMilestones(), releaseDueMilestones()]);
    expect([...a.released, ...b.released].sort()).toEqual(due.milestones.map((m) => m.id).sort());
    expect([...a.failed, ...b.failed]).toEqual([]);
    expect(await balanceOf(walletId({ userId: due.payee.id }))).toBe(3_000);
    expect(
      await db.ledgerTransfer.count({
        where: { milestoneId: { in: due.milestones.map((m) => m.id) }, reason: "MILESTONE_RELEASE" },
      }),
    ).toBe(2);
    const rows = await db.milestone.findMany({
      where: { id: { in: due.milestones.map((m) => m.id) } },
      select: { status: true, autoReleased: true },
    });
    expect(rows).toEqual([
      { status: "RELEASED", autoReleased: true },
      { status: "RELEASED", autoReleased: true },
    ]);
    expect(await agreementStatus(due.agreement.id)).toBe("COMPLETED");
    expect(
      await db.notification.count({
        where: { type: "milestone.auto_released", userId: { in: [due.payer.head.id, due.payee.id] } },
      }),
    ).toBe(4);
    expect(await milestoneStatus(notYet.milestones[0]!.id)).toBe("SUBMITTED");
    expect((await releaseDueMilestones()).released).not.toContain(notYet.milestones[0]!.id);
    // Fifteen days later the review window of the other one has passed too.
    expect((await releaseDueMilestones(new Date(Date.now() + 15 * DAY))).released).toContain(
      notYet.milestones[0]!.id,
    );
  });

  it("runs at start, and stops cleanly", async () => {
    const { milestones } = await fundedAndSubmitted([1_000]);
    await db.milestone.update({
      where: { id: milestones[0]!.id },
      data: { reviewDueAt: new Date(Date.now() - 1_000) },
    });
    const log = { info: vi.fn(), error: vi.fn() };
    const stop = startEscrowJobs(log as unknown as Logger);
    await vi.waitFor(async () => expect(await milestoneStatus(milestones[0]!.id)).toBe("RELEASED"), {
      timeout: 10_000,
    });
    await stop();
    expect(log.error).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith({ released: expect.any(Number) }, "milestones auto-released");
  });
});
