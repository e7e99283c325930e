import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { currentYear, dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { ensureAccount, escrowId } from "~/modules/ledger/ledger.server";
import { responseTimesByCounty } from "~/modules/reach/triage.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import * as apiDashboard from "~/routes/api/v1/api.v1.dashboard";
import { loader as pageLoader } from "~/routes/bureau/bureau.dashboard";
import { loader as csvLoader } from "~/routes/bureau/bureau.dashboard[.]csv";
import { loader as xlsxLoader } from "~/routes/bureau/bureau.dashboard[.]xlsx";
import { apiRequest, tokenFor } from "../support/api-factories";
import { useTestDatabase } from "../support/database";
import { CLEARING, at, createNeed, transferAt } from "../support/dashboard-factories";
import { createOrganisation, createUser } from "../support/factories";
import { createBureau } from "../support/needs-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.2" };
const THIS = currentYear();
const LUANCHUAN = "410324";
const SONG = "410325";
const YIYANG = "410327";

async function bureauCookie() {
  const user = await createUser({ role: "BUREAU" });
  return serializeSessionCookie(await createSession(user.id, { ip: context.clientIp }));
}

const get = (path: string, cookie: string) => ({
  request: new Request(`http://localhost${path}`, { headers: { cookie } }),
  context,
  params: {},
});

/** An organisation in a county (null: none recorded). */
async function organisationIn(countyCode: string | null) {
  const { id } = await createOrganisation("COOPERATIVE");
  await db.organisation.update({ where: { id }, data: { countyCode } });
  return id;
}

/**
 * An agreement (about `needId`, or about no need) between the given parties, with one milestone
 * whose escrow holds `heldFen`.
 */
async function heldInEscrow(
  heldFen: number,
  parties: { needId?: string; payerOrganisationId?: string; payeeOrganisationId?: string },
) {
  const [payer, payee] = await Promise.all([createUser({ role: "VILLAGE" }), createUser({ role: "EXPERT" })]);
  const agreement = await db.agreement.create({
    data: {
      number: `XK-T-${Math.random().toString(36).slice(2, 8)}`,
      title: "技术服务",
      payerUserId: payer.id,
      payeeUserId: payee.id,
      createdById: payer.id,
      ...parties,
    },
    select: { id: true },
  });
  const milestone = await db.milestone.create({
    data: {
      agreementId: agreement.id,
      position: 1,
      title: "第一阶段",
      deliverables: "方案",
      acceptanceCriteria: "通过验收",
      amountFen: heldFen,
    },
    select: { id: true },
  });
  const escrow = await ensureAccount(db, {
    id: escrowId(milestone.id),
    kind: "ESCROW",
    milestoneId: milestone.id,
  });
  await transferAt(at(THIS, 1, 20), {
    from: CLEARING,
    to: escrow,
    amountFen: heldFen,
    reason: "MILESTONE_FUND",
    agreementId: agreement.id,
    milestoneId: milestone.id,
  });
}

beforeAll(async () => {
  // Luanchuan: first answers after 2, 10 and 30 hours (the 11-hour one comes second), one answered
  // by an application older than the need's publication (0 hours, never negative), one unanswered
  // and one hidden, which does not count. Median of 0, 2, 10, 30 = 6.
  await createNeed(LUANCHUAN, "PLANTING", at(THIS, 1, 2), [{ hoursLater: 2 }]);
  await createNeed(LUANCHUAN, "PLANTING", at(THIS, 1, 3), [{ hoursLater: 11 }, { hoursLater: 10 }]);
  await createNeed(LUANCHUAN, "BREEDING", at(THIS, 1, 4), [{ hoursLater: 30 }]);
  await createNeed(LUANCHUAN, "PLANTING", at(THIS, 1, 5), [{ hoursLater: -24 }]);
  await createNeed(LUANCHUAN, "PLANTING", at(THIS, 1, 6));
  const hidden = await createNeed(LUANCHUAN, "PLANTING", at(THIS, 1, 7), [{ hoursLater: 500 }]);
  await db.need.update({ where: { id: hidden.id }, data: { hiddenAt: at(THIS, 1, 9) } });
  // Song: one answer after 100 hours. Over both counties: 0, 2, 10, 30, 100 → 10.
  await createNeed(SONG, "PLANTING", at(THIS, 1, 8), [{ hoursLater: 100 }]);

  // Escrow: a need's county wins; without a need the payer organisation's, else the payee's.
  const songPayer = await organisationIn(SONG);
  const luanchuanNeed = await createNeed(LUANCHUAN, "PLANTING", null);
  await heldInEscrow(1_000, { needId: luanchuanNeed.id, payerOrganisationId: songPayer });
  await heldInEscrow(600_000, {
    payerOrganisationId: songPayer,
    payeeOrganisationId: await organisationIn(YIYANG),
  });
  await heldInEscrow(250, {
    payerOrganisationId: await organisationIn(null),
    payeeOrganisationId: await organisationIn(YIYANG),
  });
  await heldInEscrow(7, { payeeOrganisationId: await organisationIn(YIYANG) });
});

describe("the first response", () => {
  it("has the same median for a county in every table, export and the API", async () => {
    const cookie = await bureauCookie();
    const figures = await dashboardFigures();
    const county = (code: string) => figures.counties.find((row) => row.countyCode === code)!;
    expect(county(LUANCHUAN).medianHours).toBe(6);
    expect(county(SONG).medianHours).toBe(100);
    expect(figures.years.find((row) => row.year === THIS)!.medianHours).toBe(10);

    // The years table for one county says what the county table says.
    const luanchuanOnly = await dashboardFigures({ countyCode: LUANCHUAN, year: THIS });
    expect(luanchuanOnly.years[0]!.medianHours).toBe(6);
    expect(luanchuanOnly.counties[0]!.medianHours).toBe(6);

    // The response-times table, as the page loads it.
    const page = await pageLoader(get("/bureau/dashboard", cookie));
    expect(page.figures.counties.find((row) => row.countyCode === LUANCHUAN)!.medianHours).toBe(6);
    const responses = page.responseTimes.find((row) => row.countyCode === LUANCHUAN)!;
    expect(responses).toMatchObject({ medianHours: 6, published: 5, unanswered: 1 });
    expect((await responseTimesByCounty({ countyCode: SONG }))[0]!.medianHours).toBe(100);

    // CSV: the county table's median column.
    const csv = await (await csvLoader(get("/bureau/dashboard.csv", cookie))).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    const header = lines.find((line) => line.startsWith("县区,"))!.split(",");
    const column = header.indexOf("首次响应中位时长（小时）");
    expect(column).toBeGreaterThan(0);
    expect(lines.find((line) => line.startsWith("栾川县,"))!.split(",")[column]).toBe("6");
    expect(lines.find((line) => line.startsWith("嵩县,"))!.split(",")[column]).toBe("100");

    // Excel: the same column, with the definition as the heading's note.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await xlsxLoader(get("/bureau/dashboard.xlsx", cookie))).arrayBuffer());
    const sheet = workbook.getWorksheet("县区")!;
    const heading = sheet.getRow(1).getCell(column + 1);
    expect(heading.value).toBe("首次响应中位时长（小时）");
    expect(JSON.stringify(heading.note)).toContain("首次响应：从需求发布到第一位专家提交申请");
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === "栾川县")!;
    expect(row.getCell(column + 1).value).toBe(6);

    // The API.
    const bureau = await createBureau();
    const response = await apiDashboard.loader({
      request: apiRequest("/api/v1/dashboard", { token: await tokenFor(bureau, ["dashboard:read"]) }),
      params: {},
      context,
    } as never);
    expect(response.status).toBe(200);
    const body = (await response.json()) as typeof figures;
    expect(body.counties.find((row) => row.countyCode === LUANCHUAN)!.medianHours).toBe(6);
    expect(body.years.find((row) => row.year === THIS)!.medianHours).toBe(10);
  });

  it("is never negative, even for an application dated before the publication", async () => {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Need" n JOIN "Application" a ON a."needId" = n.id
      WHERE a."createdAt" < n."publishedAt"`;
    expect(row!.n).toBe(1);
    const figures = await dashboardFigures({ countyCode: LUANCHUAN, industry: "PLANTING" });
    // 0, 2 and 10 hours: the early application counts as an answer at publication.
    expect(figures.counties[0]!.medianHours).toBe(2);
  });
});

describe("escrow per county", () => {
  it("follows the need, else the payer organisation, else the payee organisation", async () => {
    const figures = await dashboardFigures();
    const escrowOf = (code: string) => figures.counties.find((row) => row.countyCode === code)!.escrowFen;
    expect(escrowOf(LUANCHUAN)).toBe(1_000);
    expect(escrowOf(SONG)).toBe(600_000);
    expect(escrowOf(YIYANG)).toBe(257);
    // Nothing is left belonging to no county.
    expect(figures.escrowHeldFen).toBe(601_257);
    expect(figures.counties.reduce((total, row) => total + row.escrowFen, 0)).toBe(figures.escrowHeldFen);
    // The money paid in follows the same rule, and the county filter finds it.
    const song = await dashboardFigures({ countyCode: SONG, year: THIS });
    expect(song.years[0]!.fundedFen).toBe(600_000);
    expect(song.escrowHeldFen).toBe(600_000);
  });
});
