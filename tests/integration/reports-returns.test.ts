import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { leverageFigures } from "~/modules/reports/leverage.server";
import { returnXlsx, rollUpXlsx } from "~/modules/reports/reports-export.server";
import { sendReturnReminders } from "~/modules/reports/reports.jobs.server";
import { periodOf } from "~/modules/reports/reports.periods";
import { FIGURE_KEYS } from "~/modules/reports/reports.figures";
import { DeadlineSchema } from "~/modules/reports/reports.schema";
import { translate } from "~/i18n/i18n";
import { rollUp } from "~/modules/reports/rollup.server";
import {
  generateReturn,
  getReturn,
  saveReturnNotes,
  setDeadline,
  submitReturn,
} from "~/modules/reports/reports.server";
import { ensureAccount } from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";
import {
  CLEARING,
  at,
  createMilestoneEscrow,
  createNeed,
  createProgrammeApplication,
  transferAt,
} from "../support/dashboard-factories";
import { createOrganisation } from "../support/factories";
import { reportActors } from "../support/reports-factories";

useTestDatabase();

const HERE = "410324";
const NOVEMBER = { periodKind: "MONTH" as const, periodKey: "2026-11" };
const afterNovember = at(2026, 12, 2);
let people: Awaited<ReturnType<typeof reportActors>>;
let elsewhere: Awaited<ReturnType<typeof reportActors>>["county"];

beforeAll(async () => {
  people = await reportActors(HERE);
  elsewhere = (await reportActors("410325")).county;
  await createNeed(HERE, "PLANTING", at(2026, 11, 5));
  await createNeed(HERE, "PLANTING", at(2026, 11, 6));
});

const needsPostedIn = async (id: string) => {
  const row = await db.reportReturn.findUniqueOrThrow({ where: { id }, select: { snapshot: true } });
  return (row.snapshot as { figures: { needsPosted: number } }).figures.needsPosted;
};

describe("returns", () => {
  it("generates one draft per period and scope, however often asked", async () => {
    const [first, second] = await Promise.all([
      generateReturn(people.county, NOVEMBER, afterNovember),
      generateReturn(people.county, NOVEMBER, afterNovember),
    ]);
    expect(second).toBe(first);
    const rows = await db.reportReturn.findMany({ where: { periodKey: "2026-11", scope: HERE } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DRAFT", snapshot: null });
  });

  it("refuses a period that has not started", async () => {
    await expect(
      generateReturn(people.county, { periodKind: "MONTH", periodKey: "2027-01" }, afterNovember),
    ).rejects.toMatchObject({ code: "report.period_open" });
  });

  it("refuses to submit a return before its period is over in Luoyang, and says from when", async () => {
    const id = await generateReturn(people.county, NOVEMBER, afterNovember);
    // 23:30 on 30 November in Luoyang is still November.
    const lastEvening = new Date("2026-11-30T15:30:00Z");
    await expect(submitReturn(people.county, id, lastEvening)).rejects.toMatchObject({
      code: "report.period_not_over",
      params: { from: "2026-12-01" },
    });
    const row = await db.reportReturn.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "DRAFT", snapshot: null, submittedAt: null });
    expect((await getReturn(people.county, id, lastEvening)).submittableFrom).toBe("2026-12-01");
    expect((await getReturn(people.county, id, afterNovember)).submittableFrom).toBeNull();
  });

  it("keeps other counties and the finance bureau out of a county's return", async () => {
    const id = await generateReturn(people.county, NOVEMBER, afterNovember);
    await expect(getReturn(elsewhere, id)).rejects.toMatchObject({ code: "report.not_found" });
    await expect(submitReturn(elsewhere, id)).rejects.toMatchObject({ code: "report.not_found" });
    await expect(submitReturn(people.finance, id)).rejects.toMatchObject({ code: "report.not_yours" });
    await expect(submitReturn(people.bureau, id)).rejects.toMatchObject({ code: "report.not_yours" });
    // The city reads it, and cannot change it.
    expect((await getReturn(people.bureau, id)).mayEdit).toBe(false);
    expect((await getReturn(people.finance, id)).scope).toBe(HERE);
  });

  it("freezes the figures on submission: later data and later writes leave them as submitted", async () => {
    const id = await generateReturn(people.county, NOVEMBER, afterNovember);
    await saveReturnNotes(people.county, { id, narrative: "本月完成两项对接", notes: "无" });
    await submitReturn(people.county, id, afterNovember);
    expect(await needsPostedIn(id)).toBe(2);
    const submitted = await db.reportReturn.findUniqueOrThrow({ where: { id } });

    // Data changes after submission: a third need in November.
    await createNeed(HERE, "PLANTING", at(2026, 11, 7));
    const view = await getReturn(people.county, id);
    expect(view.snapshot.figures.needsPosted).toBe(2);
    expect(view.status).toBe("SUBMITTED");
    expect(await needsPostedIn(id)).toBe(2);

    // A second tap changes nothing; notes can no longer be changed.
    await submitReturn(people.county, id, at(2026, 12, 5));
    const again = await db.reportReturn.findUniqueOrThrow({ where: { id } });
    expect(again.submittedAt).toEqual(submitted.submittedAt);
    expect(again.updatedAt).toEqual(submitted.updatedAt);
    await expect(saveReturnNotes(people.county, { id, narrative: "改", notes: "" })).rejects.toMatchObject({
      code: "report.submitted",
    });

    // The database itself refuses any update or delete of the submitted row.
    await expect(
      db.$executeRaw`UPDATE "ReportReturn" SET snapshot = '{}'::jsonb WHERE id = ${id}`,
    ).rejects.toThrow(/frozen/);
    await expect(db.$executeRaw`DELETE FROM "ReportReturn" WHERE id = ${id}`).rejects.toThrow(/frozen/);
    expect(await needsPostedIn(id)).toBe(2);
  });

  it("exports a return in one stable layout", async () => {
    const id = await generateReturn(people.county, NOVEMBER, afterNovember);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await returnXlsx(await getReturn(people.county, id))).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "封面 Cover",
      "指标 Figures",
      "杠杆 Leverage",
    ]);
    const cover = workbook.getWorksheet("封面 Cover")!;
    expect(cover.getCell("A1").value).toBe("报表类型");
    expect(cover.getCell("B1").value).toBe("Kind of return");
    expect(cover.getCell("C1").value).toBe("月报 Monthly return");
    expect(cover.getCell("C2").value).toBe("2026-11");
    expect(cover.getCell("C3").value).toBe(HERE);
    expect(cover.getCell("C6").value).toBe(1);
    expect(cover.getCell("C7").value).toBe("本月完成两项对接");
    const figures = workbook.getWorksheet("指标 Figures")!;
    expect([figures.getCell("A1").value, figures.getCell("B1").value, figures.getCell("C1").value]).toEqual([
      "指标",
      "Figure",
      "数值 Value",
    ]);
    expect(figures.getCell("A2").value).toBe("本期立项项目");
    expect(figures.getCell("B2").value).toBe("Projects approved in the period");
    expect(figures.getCell("A12").value).toBe("发布需求");
    expect(figures.getCell("C12").value).toBe(2);
    expect(figures.getCell("A20").value).toBe("覆盖农户（户）");
    // No household is linked or paid in this world: reached is a count now (benefit linkage), 0.
    expect(figures.getCell("C20").value).toBe(0);
    // financing (issue 23): five rows after households, money in yuan.
    expect(figures.getCell("A21").value).toBe("发布融资需求");
    expect(figures.getCell("A22").value).toBe("撬动金融资金（元，金融机构已确认）");
    expect(figures.getCell("C22").value).toBe(0);
    expect(figures.getCell("C22").numFmt).toBe("0.00");
    // A heading row, then one row per figure in FIGURE_KEYS order.
    expect(figures.rowCount).toBe(1 + FIGURE_KEYS.length);
    const leverage = workbook.getWorksheet("杠杆 Leverage")!;
    expect(leverage.getCell("A1").value).toBe("项目 Project");
    expect(leverage.getCell("F1").value).toBe("杠杆率 Ratio");
  });
});

describe("deadlines and reminders", () => {
  it("refuses a deadline that falls before its period is over", () => {
    const deadline = (periodKind: "MONTH" | "QUARTER", periodKey: string, dueDay: string) =>
      DeadlineSchema.safeParse({ periodKind, periodKey, dueDay });
    for (const dueDay of ["2026-01-01", "2026-10-01", "2026-12-31"]) {
      const result = deadline("QUARTER", "2026-Q4", dueDay);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ["dueDay"], message: "reports.errors.due_in_period" }),
      ]);
    }
    expect(deadline("QUARTER", "2026-Q4", "2027-01-10").success).toBe(true);
    expect(deadline("MONTH", "2026-11", "2026-11-30").success).toBe(false);
    expect(deadline("MONTH", "2026-11", "2026-12-01").success).toBe(true);
    expect(translate("zh", "reports.errors.due_in_period")).toMatch(/截止日/);
    expect(translate("en", "reports.errors.due_in_period")).toMatch(/deadline/);
  });

  it("reminds each county's officers once before the deadline and once when overdue, never a submitted county", async () => {
    await setDeadline(people.bureau, { periodKind: "MONTH", periodKey: "2026-10", dueDay: "2026-11-10" });
    const officerHere = people.county.id;
    const officerThere = elsewhere.id;
    // The county HERE submits October on time.
    const october = await generateReturn(
      people.county,
      { periodKind: "MONTH", periodKey: "2026-10" },
      at(2026, 11, 1),
    );
    await submitReturn(people.county, october, at(2026, 11, 2));

    const notices = (userId: string) =>
      db.notification.findMany({
        where: { userId, type: { startsWith: "report." } },
        select: { type: true },
      });
    expect(await sendReturnReminders(at(2026, 11, 1))).toBe(0);
    const soon = at(2026, 11, 8);
    const [first, second] = await Promise.all([sendReturnReminders(soon), sendReturnReminders(soon)]);
    expect(first + second).toBe(1);
    expect(await sendReturnReminders(at(2026, 11, 9))).toBe(0);
    expect(await notices(officerThere)).toEqual([{ type: "report.due_soon" }]);
    expect(await notices(officerHere)).toEqual([]);

    expect(await sendReturnReminders(at(2026, 11, 11))).toBe(1);
    expect(await sendReturnReminders(at(2026, 11, 12))).toBe(0);
    expect((await notices(officerThere)).map((n) => n.type).sort()).toEqual([
      "report.due_soon",
      "report.overdue",
    ]);
    expect(await notices(officerHere)).toEqual([]);
  });

  it("shows the city who is missing and who is late in the roll-up", async () => {
    const view = await rollUp(periodOf("MONTH", "2026-10"), at(2026, 11, 12));
    const here = view.counties.find((county) => county.countyCode === HERE)!;
    expect(here).toMatchObject({ state: "submitted", late: false });
    expect(view.missing).not.toContain(HERE);
    expect(view.missing).toContain("410325");
    expect(view.late).toContain("410325");
    expect(view.late).not.toContain(HERE);
    expect(view.submittedCount).toBe(1);
    expect(view.total.needsPosted).toBe(here.figures!.needsPosted);

    // The same roll-up as an Excel sheet: labels in both languages, the total, each county's
    // state, and empty cells (not zeros) for a county that has not submitted.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await rollUpXlsx(view)).buffer);
    const sheet = workbook.getWorksheet("汇总 Roll-up")!;
    const column = 4 + view.counties.findIndex((county) => county.countyCode === HERE);
    const missingColumn = 4 + view.counties.findIndex((county) => county.countyCode === "410325");
    expect(sheet.getRow(1).getCell(column).value).toBe("栾川县 Luanchuan County");
    expect(sheet.getRow(2).getCell(column).value).toMatch(/^已提交/);
    expect(sheet.getRow(2).getCell(missingColumn).value).toMatch(/逾期/);
    const rowOf = (label: string) => {
      let found = 0;
      sheet.eachRow((row, index) => {
        if (row.getCell(1).value === label) found = index;
      });
      return sheet.getRow(found);
    };
    const needs = rowOf(translate("zh", "reports.figure.needsPosted"));
    expect(needs.getCell(2).value).toBe(translate("en", "reports.figure.needsPosted"));
    expect(needs.getCell(3).value).toBe(view.total.needsPosted);
    expect(needs.getCell(column).value).toBe(here.figures!.needsPosted);
    expect(needs.getCell(missingColumn).value).toBeNull();
    const money = rowOf(translate("zh", "reports.figure.programmeDisbursedFen"));
    expect(money.getCell(column).value).toBe(here.figures!.programmeDisbursedFen / 100);
  });
});

describe("leverage", () => {
  it("matches wallet money into a project's agreements to the public money it received", async () => {
    const project = await createProgrammeApplication(HERE, "PLANTING");
    const need = await createNeed(HERE, "PLANTING", at(2026, 9, 1));
    const escrow = await createMilestoneEscrow(need);
    await db.programmeApplication.update({
      where: { id: project.id },
      data: { status: "APPROVED", decidedAt: at(2026, 9, 2), needId: need.id },
    });
    const coop = await createOrganisation("COOPERATIVE");
    const wallet = await ensureAccount(db, {
      id: `wallet:org:${coop.id}`,
      kind: "WALLET",
      organisationId: coop.id,
    });
    await transferAt(at(2026, 9, 1), {
      from: CLEARING,
      to: project.account,
      amountFen: 1_000_000,
      reason: "PROGRAMME_BUDGET",
    });
    await transferAt(at(2026, 9, 1), { from: CLEARING, to: wallet, amountFen: 100_000, reason: "DEPOSIT" });
    await transferAt(at(2026, 9, 3), {
      from: project.account,
      to: project.wallet,
      amountFen: 20_000,
      reason: "DISBURSEMENT",
      programmeApplicationId: project.id,
    });
    await transferAt(at(2026, 9, 4), {
      from: project.account,
      to: escrow.escrow,
      amountFen: 10_000,
      reason: "MILESTONE_FUND",
      milestoneId: escrow.milestoneId,
    });
    await transferAt(at(2026, 9, 5), {
      from: wallet,
      to: escrow.escrow,
      amountFen: 45_000,
      reason: "MILESTONE_FUND",
      milestoneId: escrow.milestoneId,
    });
    await transferAt(at(2026, 9, 6), {
      from: escrow.escrow,
      to: wallet,
      amountFen: 5_000,
      reason: "MILESTONE_REFUND",
      milestoneId: escrow.milestoneId,
    });

    const figures = await leverageFigures({ scope: { kind: "county", countyCode: HERE } });
    const line = figures.byProject.find((row) => row.applicationId === project.id)!;
    expect(line).toMatchObject({ publicFen: 30_000, matchedFen: 40_000, ratio: 1.33 });
    expect(figures.byYear).toEqual([{ year: 2026, ...figures.total }]);
    const elsewhereFigures = await leverageFigures({ scope: { kind: "county", countyCode: "410325" } });
    expect(elsewhereFigures.byProject.find((row) => row.applicationId === project.id)).toBeUndefined();
    const october = await leverageFigures({
      scope: { kind: "city" },
      from: at(2026, 10, 1, 0),
      to: at(2026, 11, 1, 0),
    });
    expect(october.byProject.find((row) => row.applicationId === project.id)).toBeUndefined();
  });
});
