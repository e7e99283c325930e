import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { renderCountyMap } from "~/modules/dashboard/charts.server";
import { currentYear, dashboardFigures, type DashboardFigures } from "~/modules/dashboard/dashboard.server";
import { COUNTIES } from "~/modules/reference/reference";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { loader as pageLoader } from "~/routes/bureau/bureau.dashboard";
import { PLAN_PEOPLE_KEYS } from "~/modules/reports/plan-people";
import { reportFigures } from "~/modules/reports/reports-figures.server";
import { periodOf } from "~/modules/reports/reports.periods";
import { loader as csvLoader } from "~/routes/bureau/bureau.dashboard[.]csv";
import { loader as xlsxLoader } from "~/routes/bureau/bureau.dashboard[.]xlsx";
import { useTestDatabase } from "../support/database";
import {
  CLEARING,
  at,
  createCohort,
  createDemo,
  createMilestoneEscrow,
  createNeed,
  createProgrammeApplication,
  createSpace,
  transferAt,
} from "../support/dashboard-factories";
import { createUser } from "../support/factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };
const LAST = currentYear() - 1;
const THIS = currentYear();
const LUANCHUAN = "410324";
const SONG = "410325";

/** [start, end) of a year in Luoyang, computed here independently of the service's SQL. */
function yearRange(year: number) {
  return { gte: new Date(`${year}-01-01T00:00:00+08:00`), lt: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

async function sumOf(
  reasons: ("MILESTONE_RELEASE" | "DISPUTE_RELEASE" | "DISBURSEMENT" | "CLAWBACK")[],
  year: number,
) {
  const { _sum } = await db.ledgerTransfer.aggregate({
    _sum: { amountFen: true },
    where: { reason: { in: reasons }, createdAt: yearRange(year) },
  });
  return _sum.amountFen ?? 0;
}

/** What the dashboard should say for a year, counted straight from the tables with Prisma. */
async function expectedYear(year: number, countyCode?: string) {
  const { lt, ...range } = yearRange(year);
  const county = countyCode ? { countyCode } : {};
  return {
    year,
    spacesTotal: await db.spaceProfile.count({ where: { recognisedAt: { lt } } }),
    spacesNew: await db.spaceProfile.count({ where: { recognisedAt: { ...range, lt } } }),
    demosTotal: await db.demoSite.count({ where: { status: "DESIGNATED", designatedAt: { lt }, ...county } }),
    demosNew: await db.demoSite.count({
      where: { status: "DESIGNATED", designatedAt: { ...range, lt }, ...county },
    }),
    commissioners: await db.commissionerAssignment.count({ where: { cohort: { year }, ...county } }),
    needsPosted: await db.need.count({ where: { publishedAt: { ...range, lt }, ...county } }),
    needsMatched: await db.need.count({
      where: { publishedAt: { ...range, lt }, applications: { some: { status: "ACCEPTED" } }, ...county },
    }),
    releasedFen: await sumOf(["MILESTONE_RELEASE", "DISPUTE_RELEASE"], year),
    disbursedFen: (await sumOf(["DISBURSEMENT"], year)) - (await sumOf(["CLAWBACK"], year)),
  };
}

async function cookieFor(role: "BUREAU" | "FARMER") {
  const user = await createUser({ role });
  return serializeSessionCookie(await createSession(user.id, { ip: context.clientIp }));
}

const get = (path: string, cookie: string) => ({
  request: new Request(`http://localhost${path}`, { headers: { cookie } }),
  context,
  params: {},
});

beforeAll(async () => {
  await createSpace(LUANCHUAN, at(LAST, 6, 1));
  // 31 Dec 17:00 UTC is already 1 January in Luoyang: this space belongs to this year.
  await createSpace(SONG, new Date(Date.UTC(LAST, 11, 31, 17)));
  await createSpace(LUANCHUAN, null);

  await createDemo(LUANCHUAN, "DESIGNATED", at(LAST, 5, 1));
  await createDemo(SONG, "DESIGNATED", at(THIS, 1, 10));
  await createDemo(LUANCHUAN, "REVOKED", at(LAST, 4, 1));
  await createDemo(SONG, "PLANNED", null);

  await createCohort(LAST, [LUANCHUAN, LUANCHUAN, SONG]);
  await createCohort(THIS, [SONG]);

  await createNeed(LUANCHUAN, "PLANTING", at(LAST, 3, 1), [
    { hoursLater: 5 },
    { hoursLater: 10, status: "ACCEPTED" },
  ]);
  await createNeed(LUANCHUAN, "PLANTING", at(LAST, 8, 1), [{ hoursLater: 15 }]);
  const songNeed = await createNeed(SONG, "BREEDING", at(THIS, 1, 5), [
    { hoursLater: 3, status: "ACCEPTED" },
  ]);
  await createNeed(SONG, "PLANTING", at(THIS, 1, 6));
  await createNeed(LUANCHUAN, "PLANTING", null);

  const grant = await createProgrammeApplication(LUANCHUAN, "PLANTING");
  await transferAt(at(LAST, 1, 2), {
    from: CLEARING,
    to: grant.account,
    amountFen: 1_000_000,
    reason: "PROGRAMME_BUDGET",
  });
  await transferAt(at(LAST, 7, 1), {
    from: grant.account,
    to: grant.wallet,
    amountFen: 10_000,
    reason: "DISBURSEMENT",
    programmeApplicationId: grant.id,
  });
  await transferAt(at(THIS, 1, 3), {
    from: grant.wallet,
    to: grant.account,
    amountFen: 2_500,
    reason: "CLAWBACK",
    programmeApplicationId: grant.id,
  });
  await transferAt(at(THIS, 1, 4), {
    from: grant.account,
    to: grant.wallet,
    amountFen: 5_001,
    reason: "DISBURSEMENT",
    programmeApplicationId: grant.id,
  });

  const milestone = await createMilestoneEscrow(songNeed);
  const refs = { agreementId: milestone.agreementId, milestoneId: milestone.milestoneId };
  await transferAt(at(THIS, 1, 7), {
    from: CLEARING,
    to: milestone.escrow,
    amountFen: 30_000,
    reason: "MILESTONE_FUND",
    ...refs,
  });
  await transferAt(at(THIS, 1, 8), {
    from: milestone.escrow,
    to: milestone.wallet,
    amountFen: 12_345,
    reason: "MILESTONE_RELEASE",
    ...refs,
  });
});

const pick = (figures: DashboardFigures, year: number) => figures.years.find((row) => row.year === year)!;

describe("dashboardFigures", () => {
  it("equals the counts and sums taken straight from the database, year by year", async () => {
    const figures = await dashboardFigures();
    expect(figures.years.map((row) => row.year)).toEqual([LAST, THIS]);
    for (const year of [LAST, THIS]) expect(pick(figures, year)).toMatchObject(await expectedYear(year));

    // The same figures written out, so a mistake shared by both sides still fails.
    expect(pick(figures, LAST)).toMatchObject({
      spacesTotal: 1,
      spacesNew: 1,
      demosTotal: 1,
      commissioners: 3,
      needsPosted: 2,
      needsMatched: 1,
      disbursedFen: 10_000,
      releasedFen: 0,
    });
    expect(pick(figures, THIS)).toMatchObject({
      spacesTotal: 2,
      spacesNew: 1,
      demosTotal: 2,
      demosNew: 1,
      commissioners: 1,
      needsPosted: 2,
      needsMatched: 1,
      fundedFen: 30_000,
      releasedFen: 12_345,
      disbursedFen: 2_501,
    });
    // First applications after 5 and 15 hours last year; after 3 hours this year.
    expect(pick(figures, LAST).medianHours).toBe(10);
    expect(pick(figures, THIS).medianHours).toBe(3);
    expect(figures.escrowHeldFen).toBe(30_000 - 12_345);
  });

  it("reads the plan's targets against the actuals", async () => {
    const figures = await dashboardFigures();
    expect(figures.targets.filter((row) => row.year === THIS)).toEqual([
      { year: THIS, metric: "spaces", min: 3, max: 5, actual: 2, met: false },
      { year: THIS, metric: "demos", min: 1, max: 3, actual: 2, met: true },
      { year: THIS, metric: "commissioners", min: 20, max: 30, actual: 1, met: false },
    ]);
  });

  it("splits by county and industry, and filters by year and county", async () => {
    const figures = await dashboardFigures();
    const luanchuan = figures.counties.find((row) => row.countyCode === LUANCHUAN)!;
    const song = figures.counties.find((row) => row.countyCode === SONG)!;
    expect(figures.counties).toHaveLength(COUNTIES.length);
    expect(luanchuan).toMatchObject({
      spaces: 1,
      demos: 1,
      commissioners: 2,
      needsPosted: 2,
      needsMatched: 1,
      medianHours: 10,
      disbursedFen: 12_501,
      releasedFen: 0,
      escrowFen: 0,
    });
    expect(song).toMatchObject({
      spaces: 1,
      demos: 1,
      commissioners: 2,
      needsPosted: 2,
      needsMatched: 1,
      medianHours: 3,
      releasedFen: 12_345,
      escrowFen: 17_655,
    });
    expect(figures.industries.find((row) => row.industry === "PLANTING")).toMatchObject({
      needsPosted: 3,
      needsMatched: 1,
      disbursedFen: 12_501,
    });
    expect(figures.industries.find((row) => row.industry === "BREEDING")).toMatchObject({
      needsPosted: 1,
      needsMatched: 1,
      releasedFen: 12_345,
    });

    const songThisYear = await dashboardFigures({ year: THIS, countyCode: SONG });
    expect(songThisYear.years).toHaveLength(1);
    const expected = await expectedYear(THIS, SONG);
    expect(songThisYear.years[0]).toMatchObject({
      demosTotal: expected.demosTotal,
      commissioners: expected.commissioners,
      needsPosted: expected.needsPosted,
      needsMatched: expected.needsMatched,
      spacesTotal: 1,
      releasedFen: 12_345,
      disbursedFen: 0,
    });
    expect(songThisYear.counties).toEqual([
      expect.objectContaining({ countyCode: SONG, spaces: 1, commissioners: 1, needsPosted: 2 }),
    ]);

    const breeding = await dashboardFigures({ industry: "BREEDING" });
    expect(pick(breeding, THIS)).toMatchObject({
      needsPosted: 1,
      needsMatched: 1,
      disbursedFen: 0,
      releasedFen: 12_345,
      spacesTotal: 2,
    });
  });
});

describe("the county map", () => {
  it("names every county in the viewer's language and stays under 150 KB", () => {
    const zh = renderCountyMap({ values: { [LUANCHUAN]: 3 }, title: "星创天地", locale: "zh", unit: "个" });
    for (const name of [
      "栾川县",
      "嵩县",
      "汝阳县",
      "洛宁县",
      "宜阳县",
      "伊川县",
      "新安县",
      "孟津区",
      "偃师区",
      "洛龙区",
    ])
      expect(zh).toContain(name);
    expect(zh).not.toContain("孟津县");
    expect(zh).not.toContain("偃师市");
    expect(Buffer.byteLength(zh)).toBeLessThan(150_000);
    // The Content-Security-Policy drops inline style attributes: fonts travel as attributes.
    expect(zh).not.toContain(' style="');
    expect(zh).not.toContain("<style");
    expect(zh).toMatch(/ font-size="\d+px"/);
    const en = renderCountyMap({ values: {}, title: "Spaces", locale: "en", unit: "" });
    expect(en).toContain("Luanchuan County");
    expect(en).not.toContain("栾川县");
  });
});

describe("the dashboard routes", () => {
  it("refuses a farmer", async () => {
    const cookie = await cookieFor("FARMER");
    for (const loader of [pageLoader, csvLoader, xlsxLoader]) {
      await expect(loader(get("/bureau/dashboard", cookie))).rejects.toMatchObject({ status: 403 });
    }
  });

  it("shows the bureau the figures with the charts inline", async () => {
    const data = await pageLoader(
      get(`/bureau/dashboard?countyCode=${SONG}&map=needsPosted`, await cookieFor("BUREAU")),
    );
    expect(data.query).toMatchObject({ countyCode: SONG, map: "needsPosted" });
    expect(data.charts.map).toContain("<svg");
    expect(data.charts.targets).toContain("星创天地");
  });

  it("shows the plan's people as the year's return counts them, for the city and for one county", async () => {
    for (const countyCode of [undefined, SONG]) {
      const query = countyCode ? `?year=${THIS}&countyCode=${countyCode}` : `?year=${THIS}`;
      const data = await pageLoader(get(`/bureau/dashboard${query}`, await cookieFor("BUREAU")));
      const figures = await reportFigures(
        periodOf("YEAR", String(THIS)),
        countyCode ? { kind: "county", countyCode } : { kind: "city" },
      );
      expect(data.plan).toMatchObject({ year: THIS, countyCode: countyCode ?? null });
      for (const key of PLAN_PEOPLE_KEYS)
        expect([key, data.plan.figures[key]]).toEqual([key, figures[key] ?? 0]);
    }
  });

  it("exports the figures as CSV", async () => {
    const response = await csvLoader(get(`/bureau/dashboard.csv?year=${THIS}`, await cookieFor("BUREAU")));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="xiangke-dashboard.csv"; filename*=UTF-8''${encodeURIComponent("乡科数据看板.csv")}`,
    );
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("目标完成");
    const yearRow = lines.find((line) => line.startsWith(`${THIS},2,1,2,1,1,2,1,3,`));
    expect(yearRow).toBe(`${THIS},2,1,2,1,1,2,1,3,300.00,123.45,25.01`);
    expect(lines).toContain("嵩县,1,1,1,2,1,3,123.45,0.00,176.55");
  });

  it("exports the figures as an Excel workbook", async () => {
    const response = await xlsxLoader(get("/bureau/dashboard.xlsx", await cookieFor("BUREAU")));
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("乡科数据看板.xlsx")}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "目标完成",
      "年度",
      "县区",
      "产业",
      "融资对接",
      "利益联结",
      "计划中的人与机制",
    ]);

    const figures = await dashboardFigures();
    const years = workbook.getWorksheet("年度")!;
    expect(years.getRow(1).font?.bold).toBe(true);
    figures.years.forEach((row, index) => {
      const cells = years.getRow(index + 2);
      expect([1, 2, 6, 7, 8].map((column) => cells.getCell(column).value)).toEqual([
        row.year,
        row.spacesTotal,
        row.commissioners,
        row.needsPosted,
        row.needsMatched,
      ]);
      expect(cells.getCell(11).value).toBe(row.releasedFen / 100);
      expect(cells.getCell(12).value).toBe(row.disbursedFen / 100);
      expect(cells.getCell(12).numFmt).toBe("0.00");
    });
    const targets = workbook.getWorksheet("目标完成")!;
    expect(targets.getRow(2).values).toEqual([
      undefined,
      LAST,
      "着力打造3—5个“星创天地”（累计）",
      "3—5",
      1,
      "未完成",
    ]);
    const industries = workbook.getWorksheet("产业")!;
    expect(industries.getRow(2).values).toEqual([undefined, "种植", 3, 1, 0, 125.01]);
  });
});
