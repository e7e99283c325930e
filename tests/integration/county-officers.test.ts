import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { grantOfficer, listOfficers, revokeOfficer } from "~/modules/counties/officers.server";
import { recordCountyOpinion } from "~/modules/counties/prescreen.server";
import { decideApplication, reviewApplication } from "~/modules/programmes/programmes.server";
import { listAllProgrammes, listProgrammeApplications } from "~/modules/programmes/programmes.queries.server";
import { assignNeed, saveTriageSetting } from "~/modules/reach/triage.server";
import { loader as apiDashboard } from "~/routes/api/v1/api.v1.dashboard";
import { loader as dashboardCsv } from "~/routes/bureau/bureau.dashboard[.]csv";
import { loader as dashboardPage } from "~/routes/bureau/bureau.dashboard";
import { action as prescreenAction, loader as prescreenPage } from "~/routes/bureau/bureau.prescreen.$id";
import { loader as prescreenList } from "~/routes/bureau/bureau.prescreen._index";
import { loader as triagePage, action as triageSettings } from "~/routes/bureau/bureau.triage";
import { loader as assignPage } from "~/routes/bureau/bureau.triage_.$needId";
import { useTestDatabase } from "../support/database";
import { callRoute, createCountyOfficer, statusOf } from "../support/county-factories";
import { createUser } from "../support/factories";
import { actorOf, createBureau, createExpert, createVillage, meta } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { addScores, createApplication, createOpenProgramme } from "../support/programmes-factories";
import { createOpenNeed } from "../support/reach-factories";

useTestDatabase();

// Each test works in counties of its own: whether a county has an officer decides whether the
// city waits for pre-screening, and the rows of one test must not change another's.

describe("granting officer roles", () => {
  it("makes an account a county officer, logs it, and revoking restores the role and ends its sessions", async () => {
    const bureau = await createBureau();
    const person = await createUser({ role: "EXPERT", countyCode: "410311" });
    const grant = await grantOfficer(
      bureau,
      { identifier: { kind: "phone", value: person.phone! }, role: "COUNTY", countyCode: "410302" },
      meta,
    );
    expect(
      await db.user.findUnique({ where: { id: person.id }, select: { primaryRole: true, countyCode: true } }),
    ).toEqual({ primaryRole: "COUNTY", countyCode: "410302" });
    expect((await listOfficers(bureau)).find((o) => o.userId === person.id)).toMatchObject({
      role: "COUNTY",
      countyCode: "410302",
      grantId: grant.id,
    });
    // A double tap on the same grant is the same grant; another role is refused until revoked.
    const again = await grantOfficer(
      bureau,
      { identifier: { kind: "phone", value: person.phone! }, role: "COUNTY", countyCode: "410302" },
      meta,
    );
    expect(again.id).toBe(grant.id);
    await expect(
      grantOfficer(bureau, { identifier: { kind: "phone", value: person.phone! }, role: "FINANCE" }, meta),
    ).rejects.toMatchObject({ code: "counties.already_officer" });
    expect(await db.officerGrant.count({ where: { userId: person.id } })).toBe(1);

    await sessionCookieFor(person.id);
    await revokeOfficer(bureau, grant.id, meta);
    await expect(revokeOfficer(bureau, grant.id, meta)).rejects.toMatchObject({
      code: "counties.grant_revoked",
    });
    expect(
      await db.user.findUnique({ where: { id: person.id }, select: { primaryRole: true, countyCode: true } }),
    ).toEqual({ primaryRole: "EXPERT", countyCode: "410311" });
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    const actions = await db.auditLog.findMany({
      where: { subjectType: "User", subjectId: person.id },
      select: { action: true, actorId: true },
      orderBy: { id: "asc" },
    });
    expect(actions).toEqual([
      { action: "officer.granted", actorId: bureau.id },
      { action: "officer.revoked", actorId: bureau.id },
    ]);
  });

  it("cannot change an admin or the granting person, and only the city bureau grants", async () => {
    const bureau = await createBureau();
    const admin = await createUser({ role: "ADMIN" });
    const { officer } = await createCountyOfficer("410307");
    const farmer = await createUser({ role: "FARMER" });
    await expect(
      grantOfficer(bureau, { identifier: { kind: "phone", value: admin.phone! }, role: "FINANCE" }, meta),
    ).rejects.toMatchObject({ code: "counties.not_admin" });
    await expect(
      grantOfficer(bureau, { identifier: { kind: "phone", value: bureau.phone! }, role: "FINANCE" }, meta),
    ).rejects.toMatchObject({ code: "counties.not_self" });
    await expect(
      grantOfficer(officer, { identifier: { kind: "phone", value: farmer.phone! }, role: "FINANCE" }, meta),
    ).rejects.toMatchObject({ code: "counties.forbidden" });
    await expect(
      grantOfficer(bureau, { identifier: { kind: "phone", value: farmer.phone! }, role: "COUNTY" }, meta),
    ).rejects.toMatchObject({ code: "counties.county_required" });
    expect(await db.officerGrant.count({ where: { grantedById: { in: [bureau.id, officer.id] } } })).toBe(0);
    expect(await db.user.findUnique({ where: { id: admin.id }, select: { primaryRole: true } })).toEqual({
      primaryRole: "ADMIN",
    });
  });

  it("refuses city staff and accounts that act for an organisation (they would oversee their own projects)", async () => {
    const bureau = await createBureau();
    const colleague = await createUser({ role: "BUREAU" });
    const { head } = await createVillage();
    const headPhone = (await db.user.findUniqueOrThrow({ where: { id: head.id }, select: { phone: true } }))
      .phone!;
    await expect(
      grantOfficer(bureau, { identifier: { kind: "phone", value: colleague.phone! }, role: "FINANCE" }, meta),
    ).rejects.toMatchObject({ code: "counties.city_staff" });
    await expect(
      grantOfficer(
        bureau,
        { identifier: { kind: "phone", value: headPhone }, role: "COUNTY", countyCode: "410324" },
        meta,
      ),
    ).rejects.toMatchObject({ code: "counties.acts_for_organisation" });
    expect(await db.officerGrant.count({ where: { userId: { in: [colleague.id, head.id] } } })).toBe(0);
    expect(
      await db.user.findUniqueOrThrow({ where: { id: head.id }, select: { primaryRole: true } }),
    ).toEqual({
      primaryRole: "VILLAGE",
    });
  });
});

describe("a county officer's triage", () => {
  it("sees and acts on its own county's needs only", async () => {
    const { officer, cookie } = await createCountyOfficer("410323");
    const own = await createOpenNeed({ hours: 60, county: "410323" });
    const other = await createOpenNeed({ hours: 60, county: "410325" });
    const expert = await createExpert();
    await db.expertProfile.upsert({
      where: { userId: expert.id },
      create: { userId: expert.id, countiesServed: ["410323", "410325"] },
      update: { countiesServed: ["410323", "410325"] },
    });

    // Asking for another county (or all) by the link still shows its own county only.
    for (const query of ["?county=410325", "?county=", ""]) {
      const page = (await callRoute(triagePage, { url: `/bureau/triage${query}`, cookie })) as {
        county: string;
        queue: { id: string }[];
      };
      expect(page.county).toBe("410323");
      expect(page.queue.map((need) => need.id)).toContain(own.need.id);
      expect(page.queue.map((need) => need.id)).not.toContain(other.need.id);
    }
    const foreign = await callRoute(assignPage, {
      url: `/bureau/triage/${other.need.id}`,
      cookie,
      params: { needId: other.need.id },
    });
    expect(statusOf(foreign)).toBe(404);
    await expect(
      assignNeed(officer, { needId: other.need.id, assigneeId: expert.id, meta }),
    ).rejects.toMatchObject({ code: "reach.not_found" });
    expect(await db.triageAssignment.count({ where: { needId: other.need.id } })).toBe(0);

    await assignNeed(officer, { needId: own.need.id, assigneeId: expert.id, meta });
    expect(
      await db.triageAssignment.count({ where: { needId: own.need.id, assignedById: officer.id } }),
    ).toBe(1);
  });

  it("sets the response-time targets of its own county, never another's", async () => {
    const { officer, cookie } = await createCountyOfficer("410326");
    await saveTriageSetting(officer, { countyCode: "410326", afterHours: 24, targetHours: 48, meta });
    await expect(
      saveTriageSetting(officer, { countyCode: "410327", afterHours: 1, targetHours: 1, meta }),
    ).rejects.toMatchObject({ code: "reach.not_found" });
    const refused = await callRoute(triageSettings, {
      url: "/bureau/triage",
      cookie,
      form: { intent: "settings", countyCode: "410327", afterHours: "1", targetHours: "1" },
    });
    expect(statusOf(refused)).toBe(404);
    expect(await db.triageSetting.findUnique({ where: { countyCode: "410327" } })).toBeNull();
    expect(
      await db.triageSetting.findUnique({
        where: { countyCode: "410326" },
        select: { afterHours: true, targetHours: true, updatedById: true },
      }),
    ).toEqual({ afterHours: 24, targetHours: 48, updatedById: officer.id });
  });
});

describe("pre-screening (初审)", () => {
  it("makes the city wait for the county's opinion, which the county gives once", async () => {
    const { programme, bureau } = await createOpenProgramme({ budgetFen: 1_000_000 });
    const { officer, cookie } = await createCountyOfficer("410328");
    const { application } = await createApplication(programme.id, { countyCode: "410328" });

    await expect(
      reviewApplication(bureau, application.id, { conflict: false, score: 80, comment: "可行" }),
    ).rejects.toMatchObject({ code: "counties.awaiting_opinion" });
    await expect(
      decideApplication(bureau, application.id, { approve: false, note: "不符合" }),
    ).rejects.toMatchObject({ code: "counties.awaiting_opinion" });
    expect(await db.programmeReview.count({ where: { applicationId: application.id } })).toBe(0);

    const list = (await callRoute(prescreenList, { url: "/bureau/prescreen", cookie })) as {
      waiting: { id: string }[];
    };
    expect(list.waiting.map((row) => row.id)).toEqual([application.id]);

    const form = { recommend: "yes", note: "项目扎实，合作社有基础。" };
    const url = `/bureau/prescreen/${application.id}`;
    const params = { id: application.id };
    expect(statusOf(await callRoute(prescreenAction, { url, cookie, params, form }))).toBe(302);
    // The second tap of the same form records nothing more.
    expect(statusOf(await callRoute(prescreenAction, { url, cookie, params, form }))).toBe(409);
    expect(await db.countyOpinion.findMany({ where: { applicationId: application.id } })).toEqual([
      expect.objectContaining({ officerId: officer.id, recommend: true, countyCode: "410328" }),
    ]);
    expect(
      await db.auditLog.count({ where: { action: "programme.county_opinion", subjectId: application.id } }),
    ).toBe(1);

    await addScores(application.id, 2);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 30_000 });
    expect(
      await db.programmeApplication.findUnique({ where: { id: application.id }, select: { status: true } }),
    ).toEqual({ status: "APPROVED" });
  });

  it("lets the city proceed where the county has no officer", async () => {
    const { programme, bureau } = await createOpenProgramme({ budgetFen: 1_000_000 });
    const { application } = await createApplication(programme.id, { countyCode: "410329" });
    await addScores(application.id, 2);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 30_000 });
    expect(
      await db.programmeApplication.findUnique({ where: { id: application.id }, select: { status: true } }),
    ).toEqual({ status: "APPROVED" });
  });

  it("keeps another county's applications from a county officer", async () => {
    const { programme } = await createOpenProgramme({ budgetFen: 1_000_000 });
    const { officer, cookie } = await createCountyOfficer("410305");
    const { application } = await createApplication(programme.id, { countyCode: "410325" });
    const url = `/bureau/prescreen/${application.id}`;
    const params = { id: application.id };
    expect(statusOf(await callRoute(prescreenPage, { url, cookie, params }))).toBe(404);
    const posted = await callRoute(prescreenAction, {
      url,
      cookie,
      params,
      form: { recommend: "no", note: "不是本县的申报" },
    });
    expect(statusOf(posted)).toBe(404);
    await expect(
      recordCountyOpinion(officer, application.id, { recommend: false, note: "不是本县的申报" }),
    ).rejects.toMatchObject({ code: "counties.not_found" });
    const list = (await callRoute(prescreenList, { url: "/bureau/prescreen", cookie })) as {
      waiting: { id: string }[];
    };
    expect(list.waiting).toEqual([]);
    expect(await db.countyOpinion.count({ where: { applicationId: application.id } })).toBe(0);
  });
});

describe("a county officer's dashboard", () => {
  it("shows its own county whatever county the page, the export or the API asks for", async () => {
    const { cookie } = await createCountyOfficer("410303");
    await createOpenNeed({ hours: 10, county: "410303" });
    await createOpenNeed({ hours: 10, county: "410304" });

    const page = (await callRoute(dashboardPage, { url: "/bureau/dashboard?countyCode=410304", cookie })) as {
      countyFixed: boolean;
      query: { countyCode?: string };
      figures: { counties: { countyCode: string }[] };
    };
    expect(page.countyFixed).toBe(true);
    expect(page.query.countyCode).toBe("410303");
    expect(page.figures.counties.map((county) => county.countyCode)).toEqual(["410303"]);

    const csv = (await callRoute(dashboardCsv, {
      url: "/bureau/dashboard.csv?countyCode=410304",
      cookie,
    })) as Response;
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("西工区");
    expect(text).not.toContain("瀍河");

    const api = (await callRoute(apiDashboard, {
      url: "/api/v1/dashboard?countyCode=410304",
      cookie,
    })) as Response;
    expect(api.status).toBe(200);
    const body = (await api.json()) as { counties: { countyCode: string }[] };
    expect(body.counties.map((county) => county.countyCode)).toEqual(["410303"]);
  });

  it("refuses a county officer whose account has no county, rather than showing the city", async () => {
    const lost = await actorOf((await createUser({ role: "COUNTY" })).id);
    const cookie = await sessionCookieFor(lost.id);
    expect(statusOf(await callRoute(dashboardPage, { url: "/bureau/dashboard", cookie }))).toBe(403);
    expect(statusOf(await callRoute(triagePage, { url: "/bureau/triage", cookie }))).toBe(403);
    expect(statusOf(await callRoute(apiDashboard, { url: "/api/v1/dashboard", cookie }))).toBe(403);
  });
});

describe("the city's programme lists show what the counties said", () => {
  it("marks each application recommended, not recommended or waiting, and counts the programme's undecided applications", async () => {
    const { officer } = await createCountyOfficer("410327");
    const { programme } = await createOpenProgramme();
    const recommended = await createApplication(programme.id, {
      countyCode: "410327",
      title: "推荐的项目申报",
    });
    const refused = await createApplication(programme.id, {
      countyCode: "410327",
      title: "不推荐的项目申报",
    });
    const waiting = await createApplication(programme.id, { countyCode: "410327", title: "等待初审的申报" });
    // 伊川县 (410329) has no officer in this file: nothing is awaited from it.
    const noOfficer = await createApplication(programme.id, {
      countyCode: "410329",
      title: "没有县级干部的申报",
    });
    await recordCountyOpinion(officer, recommended.application.id, { recommend: true, note: "同意推荐" });
    await recordCountyOpinion(officer, refused.application.id, { recommend: false, note: "材料不全" });

    const listed = new Map(
      (await listProgrammeApplications(programme.id)).map((row) => [row.id, row.countyOpinion]),
    );
    expect(listed.get(recommended.application.id)).toBe("recommended");
    expect(listed.get(refused.application.id)).toBe("not_recommended");
    expect(listed.get(waiting.application.id)).toBe("waiting");
    expect(listed.get(noOfficer.application.id)).toBeNull();

    const row = (await listAllProgrammes()).find((entry) => entry.id === programme.id);
    expect(row?.awaitingDecision).toBe(
      await db.programmeApplication.count({ where: { programmeId: programme.id, status: "SUBMITTED" } }),
    );
    expect(row?.awaitingDecision).toBe(4);
  });
});
