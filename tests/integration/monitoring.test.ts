import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  approvedPlanOf,
  changeRequestsAwaiting,
  confirmedFlagRule,
  fileProgressReport,
  flagOverdueReports,
  listFlags,
  planVersions,
  recordSiteVisit,
  reportsPage,
  requestChange,
  reviewFlag,
  signChangeRequest,
} from "~/modules/monitoring/monitoring.server";
import { isPrivateUpload } from "~/modules/uploads/uploads.server";
import type { SessionUser } from "~/modules/users/session.server";
import { loader as bureauApplicationLoader } from "~/routes/bureau/bureau.programmes.applications.$id";
import { action as applyAction } from "~/routes/programmes/programmes.$id_.apply";
import { useTestDatabase } from "../support/database";
import { createCommissioner } from "../support/commissioners-factories";
import { jpegFile } from "../support/escrow-factories";
import { createUser } from "../support/factories";
import {
  DAY,
  changeFields,
  createFundedProject,
  createOfficer,
  flagRules,
  reportFields,
} from "../support/monitoring-factories";
import { actorOf, createVillage } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createOpenProgramme } from "../support/programmes-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-monitoring-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// 栾川县 (410324) has a county officer; 洛宁县 (410328) has none in this file.
let county: SessionUser;
let countyElsewhere: SessionUser;
let finance: SessionUser;
let cityBureau: SessionUser;
beforeAll(async () => {
  county = await createOfficer("COUNTY", "410324");
  countyElsewhere = await createOfficer("COUNTY", "410325");
  finance = await createOfficer("FINANCE");
  cityBureau = await createOfficer("BUREAU");
});

const context = {} as never;

describe("budget lines", () => {
  it("records the lines of the application form as version 0 and scales them to the approved amount as version 1", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const form = new URLSearchParams({
      organisationId: organisation.id,
      title: "香菇菌棒标准化生产",
      summary: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
      countyCode: "410324",
      industry: "PLANTING",
      requested: "400.00",
      "budget.EQUIPMENT": "300",
      "budget.TRAVEL": "90",
      team: "李明\n王芳",
      suppliers: "洛阳农资公司",
    });
    const refused = (await applyAction({
      request: new Request(`http://localhost/programmes/${programme.id}/apply`, {
        method: "POST",
        headers: {
          Cookie: await sessionCookieFor(head.id),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: form,
      }),
      params: { id: programme.id },
      context,
    })) as { init: { status: number } | null };
    expect(refused.init?.status).toBe(400);
    expect(await db.programmeApplication.count({ where: { programmeId: programme.id } })).toBe(0);

    form.set("budget.TRAVEL", "100");
    const response = (await applyAction({
      request: new Request(`http://localhost/programmes/${programme.id}/apply`, {
        method: "POST",
        headers: {
          Cookie: await sessionCookieFor(head.id),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: form,
      }),
      params: { id: programme.id },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const { id } = await db.programmeApplication.findFirstOrThrow({ where: { programmeId: programme.id } });
    const [requested] = await planVersions(id);
    expect(requested).toMatchObject({
      version: 0,
      budgetLines: [
        { category: "EQUIPMENT", amountFen: 30_000 },
        { category: "TRAVEL", amountFen: 10_000 },
      ],
      team: ["李明", "王芳"],
      suppliers: ["洛阳农资公司"],
    });
  });

  it("scales the requested lines to a smaller approved amount, adding up to the fen", async () => {
    const { applicationId } = await createFundedProject({
      lines: [
        { category: "EQUIPMENT", amountFen: 20_001 },
        { category: "MATERIALS", amountFen: 9_999 },
        { category: "LABOUR", amountFen: 10_000 },
      ],
      approvedFen: 33_333,
    });
    const plan = await approvedPlanOf(applicationId);
    expect(plan?.version).toBe(1);
    expect(plan!.budgetLines.reduce((sum, line) => sum + line.amountFen, 0)).toBe(33_333);
    expect(plan!.budgetLines.map((line) => line.category)).toEqual(["EQUIPMENT", "MATERIALS", "LABOUR"]);
    // 16,667.33 + 8,332.42 + 8,333.25: the fen left over goes to the largest remainder (materials).
    expect(plan!.budgetLines.map((line) => line.amountFen)).toEqual([16_667, 8_333, 8_333]);
  });

  it("asks a project without lines for a budget change first, and the approved change becomes version 1", async () => {
    const { applicationId, head } = await createFundedProject({ lines: null, countyCode: "410328" });
    expect(await approvedPlanOf(applicationId)).toBeNull();
    await expect(fileProgressReport(head, applicationId, reportFields(), [])).rejects.toMatchObject({
      code: "monitoring.budget_first",
    });
    const { id } = await requestChange(head, applicationId, changeFields());
    await signChangeRequest(cityBureau, { intent: "bureauDecision", requestId: id, approve: true, note: "" });
    await signChangeRequest(finance, {
      intent: "financeDecision",
      requestId: id,
      approve: true,
      note: "同意",
    });
    expect((await approvedPlanOf(applicationId))?.version).toBe(1);
  });
});

describe("change requests", () => {
  it("needs the county's opinion, the city's decision and, for money, the finance bureau's approval — in that order", async () => {
    const { applicationId, head } = await createFundedProject();
    const { id } = await requestChange(head, applicationId, changeFields());
    const bureauFirst = { intent: "bureauDecision", requestId: id, approve: true, note: "" } as const;
    await expect(signChangeRequest(cityBureau, bureauFirst)).rejects.toMatchObject({
      code: "monitoring.not_your_step",
    });
    const opinion = { intent: "countyOpinion", requestId: id, supports: true, opinion: "情况属实" } as const;
    await expect(signChangeRequest(countyElsewhere, opinion)).rejects.toMatchObject({
      code: "monitoring.forbidden",
    });
    await expect(signChangeRequest(head, opinion)).rejects.toMatchObject({ code: "monitoring.forbidden" });
    expect((await signChangeRequest(county, opinion)).status).toBe("AWAITING_BUREAU");

    const financeEarly = { intent: "financeDecision", requestId: id, approve: true, note: "" } as const;
    await expect(signChangeRequest(finance, financeEarly)).rejects.toMatchObject({
      code: "monitoring.not_your_step",
    });
    expect((await signChangeRequest(cityBureau, bureauFirst)).status).toBe("AWAITING_FINANCE");
    // An admin passes every permission check but is not the finance bureau: no signature.
    const admin = await actorOf((await createUser({ role: "ADMIN" })).id);
    await expect(signChangeRequest(admin, financeEarly)).rejects.toMatchObject({
      code: "monitoring.forbidden",
    });
    // Until finance signs, the plan in force (and at evaluation) is still version 1.
    expect((await approvedPlanOf(applicationId))?.version).toBe(1);

    expect((await signChangeRequest(finance, financeEarly)).status).toBe("APPROVED");
    await expect(signChangeRequest(finance, financeEarly)).rejects.toMatchObject({
      code: "monitoring.already_decided",
    });
    const plan = await approvedPlanOf(applicationId);
    expect(plan).toMatchObject({ version: 2, changeRequestId: id });
    expect(plan!.budgetLines).toContainEqual({ category: "TESTING", amountFen: 5_000 });
    expect((await planVersions(applicationId)).map((version) => version.version)).toEqual([0, 1, 2]);
  });

  it("lists each change request for the signer whose turn it is, in the county officer's county only", async () => {
    const { applicationId, head } = await createFundedProject();
    const { id } = await requestChange(head, applicationId, changeFields());
    const waiting = async (viewer: SessionUser) => (await changeRequestsAwaiting(viewer)).map((r) => r.id);
    expect(await waiting(county)).toContain(id);
    expect(await waiting(countyElsewhere)).not.toContain(id);
    expect(await waiting(cityBureau)).not.toContain(id);
    await signChangeRequest(county, {
      intent: "countyOpinion",
      requestId: id,
      supports: true,
      opinion: "属实",
    });
    expect(await waiting(county)).not.toContain(id);
    expect(await waiting(cityBureau)).toContain(id);
    expect(await waiting(finance)).not.toContain(id);
    await signChangeRequest(cityBureau, { intent: "bureauDecision", requestId: id, approve: true, note: "" });
    expect(await waiting(finance)).toContain(id);
    expect(await waiting(head)).toEqual([]);
  });

  it("skips the county step where the county has no officer, and a change without money needs no finance signature", async () => {
    const { applicationId, head } = await createFundedProject({ countyCode: "410328" });
    const current = (await approvedPlanOf(applicationId))!;
    const { id } = await requestChange(
      head,
      applicationId,
      changeFields({ budget: current.budgetLines, endsOn: "2027-06-30", reason: "雨季推迟施工" }),
    );
    const request = await db.projectChangeRequest.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ status: "AWAITING_BUREAU", countySkipped: true, kinds: ["SCHEDULE"] });
    const decided = await signChangeRequest(cityBureau, {
      intent: "bureauDecision",
      requestId: id,
      approve: true,
      note: "",
    });
    expect(decided.status).toBe("APPROVED");
    expect((await approvedPlanOf(applicationId))?.endsOn).toBe("2027-06-30");
  });

  it("refuses with a reason the project can read, keeps the plan, and allows one open request at a time", async () => {
    const { applicationId, head } = await createFundedProject({ countyCode: "410328" });
    const { id } = await requestChange(head, applicationId, changeFields());
    await expect(requestChange(head, applicationId, changeFields())).rejects.toMatchObject({
      code: "monitoring.change_open",
    });
    const refuse = { intent: "bureauDecision", requestId: id, approve: false, note: "" } as const;
    await expect(signChangeRequest(cityBureau, refuse)).rejects.toMatchObject({
      code: "monitoring.refusal_reason",
    });
    await signChangeRequest(cityBureau, { ...refuse, note: "测试费用未说明用途" });
    expect(await db.projectChangeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REFUSED",
      refusalReason: "测试费用未说明用途",
    });
    expect((await approvedPlanOf(applicationId))?.version).toBe(1);
    await expect(
      requestChange(head, applicationId, changeFields({ budget: [{ category: "EQUIPMENT", amountFen: 1 }] })),
    ).rejects.toMatchObject({ code: "monitoring.budget_total" });
  });

  it("shows the approved version on the bureau's application page, which the evaluation is made against", async () => {
    const { applicationId, head } = await createFundedProject({ countyCode: "410328" });
    const { id } = await requestChange(head, applicationId, changeFields());
    await signChangeRequest(cityBureau, { intent: "bureauDecision", requestId: id, approve: true, note: "" });
    const read = async () =>
      (await bureauApplicationLoader({
        request: new Request(`http://localhost/bureau/programmes/applications/${applicationId}`, {
          headers: { Cookie: await sessionCookieFor(cityBureau.id) },
        }),
        params: { id: applicationId },
        context,
      })) as { approvedPlan: { version: number } | null };
    expect((await read()).approvedPlan?.version).toBe(1);
    await signChangeRequest(finance, { intent: "financeDecision", requestId: id, approve: true, note: "" });
    expect((await read()).approvedPlan?.version).toBe(2);
  });
});

describe("spending rules", () => {
  it("raises nothing for a clean report: approved lines, within amounts, known payees", async () => {
    const { applicationId, head, organisation } = await createFundedProject();
    const clean = reportFields({
      spending: [
        ...reportFields().spending,
        {
          category: "EQUIPMENT",
          payeeName: organisation.name,
          payeeKind: "OWN_ORGANISATION",
          amountFen: 1_000,
        },
      ],
    });
    expect((await fileProgressReport(head, applicationId, clean, [])).flags).toBe(0);
    expect(await flagRules(applicationId)).toEqual([]);
    expect(await db.progressSpending.count({ where: { report: { applicationId } } })).toBe(3);
  });

  it("flags spending on a line the approved budget does not have", async () => {
    const { applicationId, head } = await createFundedProject();
    await fileProgressReport(
      head,
      applicationId,
      reportFields({
        spending: [{ category: "TESTING", payeeName: "洛阳农资公司", payeeKind: "SUPPLIER", amountFen: 500 }],
      }),
      [],
    );
    expect(await flagRules(applicationId)).toEqual(["UNBUDGETED_LINE"]);
  });

  it("flags a line overspent across reports, when it goes over", async () => {
    const { applicationId, head } = await createFundedProject({ approvedDaysAgo: 100 });
    const travel = (amountFen: number) => [
      { category: "TRAVEL" as const, payeeName: "李明", payeeKind: "TEAM_MEMBER" as const, amountFen },
    ];
    await fileProgressReport(head, applicationId, reportFields({ spending: travel(6_000) }), []);
    expect(await flagRules(applicationId)).toEqual([]);
    await fileProgressReport(head, applicationId, reportFields({ period: 2, spending: travel(6_000) }), []);
    const [flag] = await db.monitoringFlag.findMany({ where: { applicationId } });
    expect(flag).toMatchObject({ rule: "OVER_LINE", evidence: { approvedFen: 10_000, spentFen: 12_000 } });
  });

  it("flags money paid to someone outside the organisation, its team and its approved suppliers", async () => {
    const { applicationId, head } = await createFundedProject();
    await fileProgressReport(
      head,
      applicationId,
      reportFields({
        spending: [
          // Calling a stranger a team member does not make them one.
          { category: "TRAVEL", payeeName: "张三", payeeKind: "TEAM_MEMBER", amountFen: 2_000 },
          { category: "EQUIPMENT", payeeName: "洛阳 农资公司", payeeKind: "SUPPLIER", amountFen: 2_000 },
        ],
      }),
      [],
    );
    const flags = await db.monitoringFlag.findMany({ where: { applicationId } });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      rule: "UNKNOWN_PAYEE",
      evidence: { payeeName: "张三", amountFen: 2_000 },
    });
  });

  it("flags a report more than 30 days overdue once, and not one 15 days late", async () => {
    const late = await createFundedProject({ approvedDaysAgo: 92 + 45 });
    const recent = await createFundedProject({ approvedDaysAgo: 92 + 15 });
    await flagOverdueReports();
    await flagOverdueReports();
    expect(await flagRules(late.applicationId)).toEqual(["REPORT_OVERDUE"]);
    expect(await flagRules(recent.applicationId)).toEqual([]);
  });

  it("schedules and flags reports at the programme's interval: a monthly project is overdue after a month", async () => {
    const monthly = await createFundedProject({ approvedDaysAgo: 31 + 35 });
    const quarterly = await createFundedProject({ approvedDaysAgo: 31 + 35 });
    const { programmeId } = await db.programmeApplication.findUniqueOrThrow({
      where: { id: monthly.applicationId },
      select: { programmeId: true },
    });
    await db.programme.update({ where: { id: programmeId }, data: { reportIntervalMonths: 1 } });
    const { schedule } = await reportsPage(county, monthly.applicationId);
    // Without a planned end, a year of monthly reports; the first two are due by now.
    expect(schedule.length).toBeGreaterThanOrEqual(12);
    expect(schedule.filter((slot) => slot.daysLate > 0).map((slot) => slot.period)).toEqual([1, 2]);
    await flagOverdueReports();
    expect(await flagRules(monthly.applicationId)).toEqual(["REPORT_OVERDUE"]);
    // The same age under the default quarterly interval: the first report is not due yet.
    expect(await flagRules(quarterly.applicationId)).toEqual([]);
  });

  it("marks a report filed after its due date as late on the schedule, by how many days", async () => {
    const late = await createFundedProject({ approvedDaysAgo: 92 + 20 });
    const { project } = await reportsPage(county, late.applicationId);
    await fileProgressReport(late.head, late.applicationId, reportFields(), []);
    const [first] = (await reportsPage(county, late.applicationId)).schedule;
    expect(first).toMatchObject({ period: 1, filed: true, daysLate: 0 });
    // Due three months after approval (89–92 days): 20 to 23 days late.
    expect(first!.filedLateDays).toBeGreaterThanOrEqual(20);
    expect(first!.filedLateDays).toBeLessThanOrEqual(23);
    expect(project.id).toBe(late.applicationId);

    const onTime = await createFundedProject({ approvedDaysAgo: 80 });
    await fileProgressReport(onTime.head, onTime.applicationId, reportFields(), []);
    const [filed] = (await reportsPage(county, onTime.applicationId)).schedule;
    expect(filed).toMatchObject({ filed: true, filedLateDays: 0 });
  });

  it("flags a site visit that does not match the report; only the county's officer or its commissioners visit", async () => {
    const { applicationId } = await createFundedProject();
    const visit = {
      visitedOn: new Date(Date.now() - DAY).toISOString().slice(0, 10),
      findings: "现场只有一台旧设备，与报告不符。",
    };
    const { expert } = await createCommissioner();
    await recordSiteVisit(expert, applicationId, { ...visit, matchesReport: true }, [await jpegFile()]);
    expect(await flagRules(applicationId)).toEqual([]);
    await recordSiteVisit(county, applicationId, { ...visit, matchesReport: false }, []);
    expect(await flagRules(applicationId)).toEqual(["VISIT_MISMATCH"]);
    await expect(
      recordSiteVisit(countyElsewhere, applicationId, { ...visit, matchesReport: false }, []),
    ).rejects.toMatchObject({
      code: "monitoring.forbidden",
    });
    const [photo] = (await db.siteVisit.findFirstOrThrow({ where: { applicationId, matchesReport: true } }))
      .photoIds;
    expect(await isPrivateUpload(photo!)).toBe(true);
  });

  it("keeps one report per period when it is sent twice", async () => {
    const { applicationId, head } = await createFundedProject();
    await fileProgressReport(head, applicationId, reportFields(), []);
    await expect(fileProgressReport(head, applicationId, reportFields(), [])).rejects.toMatchObject({
      code: "monitoring.report_filed",
    });
    expect(await db.progressReport.count({ where: { applicationId } })).toBe(1);
  });
});

describe("the review queue", () => {
  it("shows a county officer their county's flags only, and the city every county", async () => {
    const here = await createFundedProject();
    const there = await createFundedProject({ countyCode: "410328" });
    const stranger = {
      category: "TRAVEL" as const,
      payeeName: "无关公司",
      payeeKind: "OTHER" as const,
      amountFen: 100,
    };
    await fileProgressReport(here.head, here.applicationId, reportFields({ spending: [stranger] }), []);
    await fileProgressReport(there.head, there.applicationId, reportFields({ spending: [stranger] }), []);
    const ids = async (viewer: SessionUser) =>
      (await listFlags(viewer, "ALL")).map((flag) => flag.application.id);
    expect(await ids(county)).toContain(here.applicationId);
    expect(await ids(county)).not.toContain(there.applicationId);
    expect(await ids(countyElsewhere)).not.toContain(here.applicationId);
    expect(await ids(cityBureau)).toEqual(expect.arrayContaining([here.applicationId, there.applicationId]));
    expect(await ids(finance)).toEqual(expect.arrayContaining([here.applicationId, there.applicationId]));
    await expect(listFlags(here.head)).rejects.toMatchObject({ code: "monitoring.not_found" });
  });

  it("is reviewed once by the city: dismissed with its reason or confirmed for sanctions", async () => {
    const { applicationId, head } = await createFundedProject();
    await fileProgressReport(
      head,
      applicationId,
      reportFields({
        spending: [{ category: "TESTING", payeeName: "无关公司", payeeKind: "OTHER", amountFen: 100 }],
      }),
      [],
    );
    const [first, second] = await db.monitoringFlag.findMany({
      where: { applicationId },
      orderBy: { rule: "asc" },
    });
    await expect(
      reviewFlag(county, { intent: "dismiss", flagId: first!.id, reason: "已核实" }),
    ).rejects.toMatchObject({ code: "monitoring.forbidden" });
    await reviewFlag(cityBureau, { intent: "dismiss", flagId: first!.id, reason: "已核实为笔误" });
    await expect(
      reviewFlag(cityBureau, { intent: "confirm", flagId: first!.id, reason: "改判" }),
    ).rejects.toMatchObject({ code: "monitoring.flag_reviewed" });
    expect(
      await reviewFlag(cityBureau, { intent: "confirm", flagId: second!.id, reason: "款项去向不明" }),
    ).toEqual({
      applicationId,
      status: "CONFIRMED",
    });
    const statuses = await db.monitoringFlag.findMany({
      where: { applicationId },
      select: { status: true, resolution: true },
    });
    expect(statuses).toEqual(
      expect.arrayContaining([
        { status: "DISMISSED", resolution: "已核实为笔误" },
        { status: "CONFIRMED", resolution: "款项去向不明" },
      ]),
    );
    // The sanction it leads to starts from what the flag found; a dismissed flag gives nothing.
    expect(await confirmedFlagRule(second!.id, applicationId)).toBe(second!.rule);
    expect(await confirmedFlagRule(first!.id, applicationId)).toBeNull();
    expect(await confirmedFlagRule(second!.id, "another-application")).toBeNull();
  });
});
