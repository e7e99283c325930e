import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { balanceOf, checkLedgerInvariants, walletId } from "~/modules/ledger/ledger.server";
import {
  flagOverdueReports,
  getRevenueView,
  reportRevenue,
  settleRevenueReport,
} from "~/modules/revenue/revenue.server";
import { useTestDatabase } from "../support/database";
import { addMember } from "../support/needs-factories";
import { createRevenueAgreement, evidencePhoto, fund } from "../support/wallet-factories";

// This file's evidence photos go to a folder of its own; the environment is read at first use.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-revenue-"));
process.env.DATA_DIR = dataDir;

useTestDatabase();

afterAll(async () => {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
  rmSync(dataDir, { recursive: true, force: true });
});

// Quarterly from 2026-01-01: Q1 ends 2026-03-31 and is due by 2026-04-15.
const inQ2 = new Date("2026-04-10T02:00:00Z");
const afterQ1Due = new Date("2026-04-16T02:00:00Z");

async function report(
  setup: Awaited<ReturnType<typeof createRevenueAgreement>>,
  baseFen: number,
  now = inQ2,
  periodStart = "2026-01-01",
) {
  return reportRevenue(
    setup.payer,
    setup.agreement.id,
    {
      component: setup.componentIndex,
      periodStart,
      baseFen,
      note: "一季度香菇销售",
      evidence: [await evidencePhoto()],
    },
    {},
    now,
  );
}

describe("the revenue view", () => {
  it("lists the periods of the signed terms with their status", async () => {
    const setup = await createRevenueAgreement();
    const view = await getRevenueView(setup.agreement.id, setup.payer.id, inQ2);
    expect(view).toMatchObject({ canReport: true, canSettle: true });
    expect(view!.components).toHaveLength(1);
    expect(view!.components[0]!.periods.map((p) => [p.start, p.end, p.dueDate, p.status])).toEqual([
      ["2026-01-01", "2026-03-31", "2026-04-15", "due"],
      ["2026-04-01", "2026-06-30", "2026-07-15", "upcoming"],
      ["2026-07-01", "2026-09-30", "2026-10-15", "upcoming"],
      ["2026-10-01", "2026-12-31", "2027-01-15", "upcoming"],
    ]);
    expect(
      (await getRevenueView(setup.agreement.id, setup.payer.id, afterQ1Due))!.components[0]!.periods[0]!
        .status,
    ).toBe("overdue");
    // The payee sees the panel but cannot report or pay.
    expect(await getRevenueView(setup.agreement.id, setup.payee.id, inQ2)).toMatchObject({
      canReport: false,
      canSettle: false,
    });
  });

  it("is null for an agreement without a revenue share", async () => {
    const setup = await createRevenueAgreement();
    await db.agreementVersion.updateMany({
      where: { agreementId: setup.agreement.id },
      data: { status: "SUPERSEDED" },
    });
    expect(await getRevenueView(setup.agreement.id, setup.payer.id, inQ2)).toBeNull();
  });
});

describe("reporting revenue", () => {
  it("computes the share rounded down to the fen, once per period, and tells the payee", async () => {
    const setup = await createRevenueAgreement();
    const { reportId, shareDueFen } = await report(setup, 1_234_567);
    expect(shareDueFen).toBe(123_456); // 10 % of ¥12,345.67 = ¥1,234.567 → ¥1,234.56
    const stored = await db.revenueReport.findUniqueOrThrow({
      where: { id: reportId },
      select: { baseFen: true, shareDueFen: true, status: true, evidence: { select: { uploadId: true } } },
    });
    expect(stored).toMatchObject({ baseFen: 1_234_567, shareDueFen: 123_456, status: "REPORTED" });
    expect(stored.evidence).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: setup.payee.id, type: "revenue.reported" } })).toBe(
      1,
    );

    const uploads = await db.upload.count();
    await expect(report(setup, 1)).rejects.toMatchObject({ code: "revenue.already_reported" });
    // Two reports racing past the first check meet the unique index; the loser's photo is removed again.
    const later = new Date("2026-07-02T02:00:00Z");
    const q2 = await Promise.allSettled([
      report(setup, 5, later, "2026-04-01"),
      report(setup, 6, later, "2026-04-01"),
    ]);
    expect(q2.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.upload.count()).toBe(uploads + 1);
  });

  it("refuses a period that has not ended or is not in the term, a negative revenue, and the payee", async () => {
    const setup = await createRevenueAgreement();
    await expect(report(setup, 100, inQ2, "2026-04-01")).rejects.toMatchObject({
      code: "revenue.period_not_ended",
    });
    await expect(report(setup, 100, inQ2, "2026-02-01")).rejects.toMatchObject({
      code: "revenue.unknown_period",
    });
    await expect(report(setup, -100)).rejects.toMatchObject({ code: "revenue.negative_revenue" });
    await expect(
      reportRevenue(
        setup.payee,
        setup.agreement.id,
        { component: 1, periodStart: "2026-01-01", baseFen: 100, evidence: [await evidencePhoto()] },
        {},
        inQ2,
      ),
    ).rejects.toMatchObject({ code: "revenue.forbidden" });
    await expect(
      reportRevenue(
        setup.payer,
        setup.agreement.id,
        { component: 0, periodStart: "2026-01-01", baseFen: 100, evidence: [await evidencePhoto()] },
        {},
        inQ2,
      ),
    ).rejects.toMatchObject({ code: "revenue.no_component" });
    await expect(
      reportRevenue(
        setup.payer,
        setup.agreement.id,
        { component: 1, periodStart: "2026-01-01", baseFen: 100, evidence: [] },
        {},
        inQ2,
      ),
    ).rejects.toMatchObject({ code: "revenue.evidence_required" });
    const farmer = await addMember(setup.organisation.id, "FARMER");
    await expect(
      reportRevenue(
        farmer,
        setup.agreement.id,
        { component: 1, periodStart: "2026-01-01", baseFen: 100, evidence: [await evidencePhoto()] },
        {},
        inQ2,
      ),
    ).rejects.toMatchObject({ code: "revenue.forbidden" });
    expect(await db.revenueReport.count({ where: { agreementId: setup.agreement.id } })).toBe(0);
  });

  it("lets another village head of the paying cooperative report, and only while the agreement runs", async () => {
    const setup = await createRevenueAgreement();
    const other = await addMember(setup.organisation.id, "VILLAGE");
    await expect(
      reportRevenue(
        other,
        setup.agreement.id,
        { component: 1, periodStart: "2026-01-01", baseFen: 100, evidence: [await evidencePhoto()] },
        {},
        inQ2,
      ),
    ).resolves.toMatchObject({ shareDueFen: 10 });
    const signed = await createRevenueAgreement({ status: "SIGNED" });
    await expect(report(signed, 100)).rejects.toMatchObject({ code: "revenue.agreement_not_active" });
  });

  it("applies the floor (even on a zero base or a loss) and the cap", async () => {
    const floorCap = await createRevenueAgreement({
      share: { base: "PROFIT", floorFen: 5_000, capFen: 20_000, period: "MONTH", termMonths: 6 },
    });
    const may = new Date("2026-05-01T02:00:00Z");
    expect((await report(floorCap, 0, may, "2026-01-01")).shareDueFen).toBe(5_000);
    expect((await report(floorCap, -80_000, may, "2026-02-01")).shareDueFen).toBe(5_000);
    expect((await report(floorCap, 10_000_000, may, "2026-03-01")).shareDueFen).toBe(20_000);
    expect((await report(floorCap, 123_456, may, "2026-04-01")).shareDueFen).toBe(12_345);
    const loss = await createRevenueAgreement({ share: { base: "PROFIT" } });
    expect((await report(loss, -1_000)).shareDueFen).toBe(0);
  });
});

describe("settling a reported period", () => {
  it("moves the share from the payer's wallet to the payee's once, replaying the same key", async () => {
    const setup = await createRevenueAgreement();
    const payer = await fund({ organisationId: setup.organisation.id }, 200_000);
    const payee = walletId({ userId: setup.payee.id });
    const { reportId } = await report(setup, 1_234_567);
    const key = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => settleRevenueReport(setup.payer, reportId, key)));
    expect(new Set(results.map((result) => result.transferId)).size).toBe(1);
    expect(await balanceOf(payer)).toBe(200_000 - 123_456);
    expect(await balanceOf(payee)).toBe(123_456);
    await expect(settleRevenueReport(setup.payer, reportId, randomUUID())).rejects.toMatchObject({
      code: "revenue.already_settled",
    });
    expect(await balanceOf(payee)).toBe(123_456);
    const transfer = await db.ledgerTransfer.findUniqueOrThrow({
      where: { id: results[0]!.transferId! },
      select: { reason: true, agreementId: true, amountFen: true },
    });
    expect(transfer).toEqual({
      reason: "REVENUE_SHARE",
      agreementId: setup.agreement.id,
      amountFen: 123_456,
    });
    expect(
      await db.revenueReport.findUniqueOrThrow({
        where: { id: reportId },
        select: { status: true, transferId: true },
      }),
    ).toEqual({ status: "SETTLED", transferId: results[0]!.transferId });
    expect(await db.notification.count({ where: { userId: setup.payee.id, type: "revenue.settled" } })).toBe(
      1,
    );
    expect(
      (await getRevenueView(setup.agreement.id, setup.payer.id, inQ2))!.components[0]!.periods[0]!.status,
    ).toBe("settled");
  });

  it("pays once when settlements with different keys race", async () => {
    const setup = await createRevenueAgreement();
    const payer = await fund({ organisationId: setup.organisation.id }, 50_000);
    const { reportId } = await report(setup, 100_000);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => settleRevenueReport(setup.payer, reportId, randomUUID())),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await balanceOf(payer)).toBe(40_000);
  });

  it("settles a zero share without a transfer", async () => {
    const setup = await createRevenueAgreement({ share: { base: "PROFIT" } });
    const { reportId } = await report(setup, -5_000);
    const before = await db.ledgerTransfer.count();
    expect(await settleRevenueReport(setup.payer, reportId, randomUUID())).toMatchObject({
      transferId: null,
      shareDueFen: 0,
    });
    expect(await db.ledgerTransfer.count()).toBe(before);
    expect(
      await db.revenueReport.findUniqueOrThrow({ where: { id: reportId }, select: { status: true } }),
    ).toEqual({ status: "SETTLED" });
  });

  it("refuses without enough money, and refuses the payee, leaving the report to settle", async () => {
    const setup = await createRevenueAgreement();
    await fund({ organisationId: setup.organisation.id }, 100);
    const { reportId } = await report(setup, 100_000);
    await expect(settleRevenueReport(setup.payer, reportId, randomUUID())).rejects.toMatchObject({
      code: "ledger.insufficient_funds",
    });
    await expect(settleRevenueReport(setup.payee, reportId, randomUUID())).rejects.toMatchObject({
      code: "revenue.forbidden",
    });
    expect(
      await db.revenueReport.findUniqueOrThrow({
        where: { id: reportId },
        select: { status: true, transferId: true },
      }),
    ).toEqual({ status: "REPORTED", transferId: null });
    expect(await balanceOf(walletId({ organisationId: setup.organisation.id }))).toBe(100);
  });
});

describe("overdue reports", () => {
  it("tells both sides once per overdue period, and never about a reported one", async () => {
    const setup = await createRevenueAgreement({ share: { period: "MONTH", termMonths: 3 } });
    const otherHead = await addMember(setup.organisation.id, "VILLAGE");
    // On 2026-03-20 January (due 02-15) is overdue; February (due 03-15) is overdue but reported.
    const now = new Date("2026-03-20T02:00:00Z");
    await report(setup, 1_000, now, "2026-02-01");
    const count = (userId: string) => db.notification.count({ where: { userId, type: "revenue.overdue" } });

    expect(await flagOverdueReports(now)).toBeGreaterThanOrEqual(1);
    for (const person of [setup.payer, otherHead, setup.payee]) expect(await count(person.id)).toBe(1);
    const [notice] = await db.notification.findMany({
      where: { userId: setup.payee.id, type: "revenue.overdue" },
      select: { payload: true },
    });
    expect(notice!.payload).toMatchObject({
      params: { period: "2026-01-01 ~ 2026-01-31" },
      href: `/agreements/${setup.agreement.id}`,
    });

    await Promise.all([flagOverdueReports(now), flagOverdueReports(now)]);
    for (const person of [setup.payer, otherHead, setup.payee]) expect(await count(person.id)).toBe(1);

    // March becomes overdue later: one more notice each.
    await flagOverdueReports(new Date("2026-04-16T02:00:00Z"));
    for (const person of [setup.payer, otherHead, setup.payee]) expect(await count(person.id)).toBe(2);
  });
});
