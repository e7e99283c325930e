import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { computeSpaceKpis, listKpiReports, upsertKpiReport } from "~/modules/spaces/kpis.server";
import { luoyangYear } from "~/utils/dates";
import {
  acceptRequest,
  completeRequest,
  declineRequest,
  rateRequest,
  requestService,
} from "~/modules/spaces/service-requests.server";
import {
  getSpacePage,
  listSpaces,
  recogniseSpace,
  updateSpaceProfile,
  withdrawRecognition,
} from "~/modules/spaces/space-directory.server";
import { action as profileAction } from "~/routes/spaces/spaces.$id_.profile";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  addSpaceAccount,
  createBureauStaff,
  createFarmer,
  createSpace,
  insertService,
  requestFields,
  sessionCookieFor,
} from "../support/spaces-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const profile = {
  host: "洛阳农业科技园区",
  openingHours: "周一至周五 8:30–17:30",
  areaSqm: 1200,
  latitude: 34.62,
  longitude: 112.45,
};

describe("the space's profile", () => {
  it("is written by the space's accounts and refused to others", async () => {
    const { organisation, actor } = await createSpace();
    await updateSpaceProfile(actor, organisation.id, profile);
    expect(
      await db.spaceProfile.findUniqueOrThrow({
        where: { organisationId: organisation.id },
        select: { host: true, areaSqm: true, latitude: true, longitude: true },
      }),
    ).toEqual({
      host: "洛阳农业科技园区",
      areaSqm: 1200,
      latitude: 34.62,
      longitude: 112.45,
    });
    const other = await createSpace();
    expect(
      (await refusal(updateSpaceProfile(other.actor, organisation.id, { ...profile, host: "别人" }))).code,
    ).toBe("space.forbidden");
    expect(
      await db.auditLog.count({
        where: { subjectType: "SpaceProfile", subjectId: organisation.id, action: "space.profile_updated" },
      }),
    ).toBe(1);
  });

  it("refuses a location outside Luoyang, in the service and in the form", async () => {
    const { organisation, actor } = await createSpace();
    // Beijing, and coordinates typed the wrong way round.
    expect(
      (
        await refusal(
          updateSpaceProfile(actor, organisation.id, { ...profile, latitude: 39.9, longitude: 116.4 }),
        )
      ).code,
    ).toBe("space.location_out_of_range");
    expect(
      (
        await refusal(
          updateSpaceProfile(actor, organisation.id, { ...profile, latitude: 112.45, longitude: 34.62 }),
        )
      ).code,
    ).toBe("space.location_out_of_range");
    expect(await db.spaceProfile.count({ where: { organisationId: organisation.id } })).toBe(0);

    const request = new Request(`http://localhost:3000/spaces/${organisation.id}/profile`, {
      method: "POST",
      body: new URLSearchParams({ host: "园区", latitude: "36.1", longitude: "112.4" }),
      headers: {
        cookie: await sessionCookieFor(actor.id),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    const reply = (await profileAction({
      request,
      context: { cspNonce: "test", clientIp: "10.8.0.1" },
      params: { id: organisation.id },
    })) as unknown as {
      data: { error?: Record<string, string[]> };
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error?.latitude).toEqual(["spaces.errors.location"]);
    expect(await db.spaceProfile.count({ where: { organisationId: organisation.id } })).toBe(0);
  });
});

describe("recognition (认定)", () => {
  it("is given and withdrawn by the bureau only, each step audited", async () => {
    const { organisation, actor } = await createSpace();
    const bureau = await createBureauStaff();
    expect((await refusal(recogniseSpace(actor, organisation.id, "NATIONAL"))).code).toBe("space.forbidden");
    await recogniseSpace(bureau, organisation.id, "PROVINCIAL");
    expect(
      await db.spaceProfile.findUniqueOrThrow({
        where: { organisationId: organisation.id },
        select: { level: true, recognisedById: true, recognisedAt: true },
      }),
    ).toMatchObject({
      level: "PROVINCIAL",
      recognisedById: bureau.id,
      recognisedAt: expect.any(Date),
    });
    await withdrawRecognition(bureau, organisation.id);
    expect((await refusal(withdrawRecognition(bureau, organisation.id))).code).toBe("space.not_recognised");
    const audits = await db.auditLog.findMany({
      where: { subjectType: "SpaceProfile", subjectId: organisation.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, after: true },
    });
    expect(audits.map((row) => row.action)).toEqual(["space.recognised", "space.recognition_withdrawn"]);
    expect(audits.every((row) => row.actorId === bureau.id)).toBe(true);
    expect(audits[1]!.after).toMatchObject({ level: null, recognisedAt: null });
  });
});

describe("the directory", () => {
  it("lists visible spaces with their figures, filters them and counts them per county", async () => {
    // Other tests in this file add spaces too: look only at this test's, and at changes in the counts.
    const countsBefore = (await listSpaces()).byCounty;
    const bureau = await createBureauStaff();
    const a = await createSpace({ name: "甲星创天地" });
    const b = await createSpace({ name: "乙星创天地" });
    const hidden = await createSpace({ name: "丙星创天地" });
    await db.organisation.update({ where: { id: hidden.organisation.id }, data: { hiddenAt: new Date() } });
    await db.organisation.update({ where: { id: b.organisation.id }, data: { countyCode: "410324" } });
    await recogniseSpace(bureau, a.organisation.id, "CITY");
    const service = await insertService(
      { organisationId: a.organisation.id, postedById: a.actor.id },
      { category: "FINANCE" },
    );
    await insertService({ organisationId: a.organisation.id, postedById: a.actor.id }, { status: "DRAFT" });
    await insertService({ organisationId: b.organisation.id, postedById: b.actor.id }, { category: "LEGAL" });
    const farmer = await createFarmer();
    const { id } = await requestService(farmer, service.id, requestFields());
    await acceptRequest(a.actor, id, "明天上门");
    await completeRequest(a.actor, id);
    await rateRequest(farmer, id, { rating: 4 });

    const mine = new Set([a.organisation.id, b.organisation.id, hidden.organisation.id]);
    const ours = (result: Awaited<ReturnType<typeof listSpaces>>) =>
      result.spaces
        .filter((space) => mine.has(space.id))
        .map((space) => space.id)
        .sort();
    const all = await listSpaces();
    expect(ours(all)).toEqual([a.organisation.id, b.organisation.id].sort());
    const cardA = all.spaces.find((space) => space.id === a.organisation.id)!;
    expect(cardA).toMatchObject({
      servicesPublished: 1,
      requestsCompleted: 1,
      averageRating: 4,
      profile: { level: "CITY" },
    });
    expect(all.byCounty).toEqual({
      ...countsBefore,
      "410325": (countsBefore["410325"] ?? 0) + 1,
      "410324": (countsBefore["410324"] ?? 0) + 1,
    });

    expect(ours(await listSpaces({ recognised: true }))).toEqual([a.organisation.id]);
    expect(ours(await listSpaces({ category: "LEGAL" }))).toEqual([b.organisation.id]);
    const inCounty = await listSpaces({ county: "410324" });
    expect(ours(inCounty)).toEqual([b.organisation.id]);
    expect(inCounty.spaces.every((space) => space.countyCode === "410324")).toBe(true);
    expect(inCounty.byCounty).toEqual(all.byCounty);
  });
});

describe("the space's figures", () => {
  it("computes this year's KPIs equal to counts straight from the database", async () => {
    const { organisation, actor } = await createSpace();
    const year = luoyangYear(new Date());
    const services = await Promise.all(
      [0, 1].map(() => insertService({ organisationId: organisation.id, postedById: actor.id })),
    );
    await insertService({ organisationId: organisation.id, postedById: actor.id }, { status: "DRAFT" });
    const farmer = await createFarmer();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await requestService(farmer, services[i % 2]!.id, requestFields())).id);
    await acceptRequest(actor, ids[0]!, "周一上门");
    await completeRequest(actor, ids[0]!);
    await rateRequest(farmer, ids[0]!, { rating: 5 });
    await acceptRequest(actor, ids[1]!, "周二上门");
    await declineRequest(actor, ids[2]!, "排期已满");
    // A training by one of the space's accounts, and one cancelled that does not count.
    const host = await addSpaceAccount(organisation.id);
    await db.training.create({
      data: {
        hostId: host.id,
        title: "食用菌栽培",
        description: "现场培训",
        countyCode: "410324",
        place: "庙子村",
        startsAt: new Date(),
        capacity: 30,
      },
    });
    await db.training.create({
      data: {
        hostId: actor.id,
        title: "已取消",
        description: "取消",
        countyCode: "410324",
        place: "庙子村",
        startsAt: new Date(),
        capacity: 30,
        status: "CANCELLED",
      },
    });
    const outsider = await createUser({ role: "EXPERT" });
    await db.training.create({
      data: {
        hostId: outsider.id,
        title: "别人的",
        description: "不算",
        countyCode: "410324",
        place: "庙子村",
        startsAt: new Date(),
        capacity: 30,
      },
    });

    const [kpis] = await computeSpaceKpis(organisation.id);
    const where = { organisationId: organisation.id };
    expect(kpis).toEqual({
      year,
      servicesPublished: await db.spaceService.count({ where: { ...where, publishedAt: { not: null } } }),
      requestsReceived: await db.serviceRequest.count({ where }),
      requestsAccepted: await db.serviceRequest.count({
        where: { ...where, respondedAt: { not: null }, status: { not: "DECLINED" } },
      }),
      requestsCompleted: await db.serviceRequest.count({ where: { ...where, status: "COMPLETED" } }),
      acceptanceRate: 2 / 3,
      medianDaysToRespond: 0,
      averageRating: 5,
      trainingsHeld: 1,
    });
    expect(kpis).toMatchObject({
      servicesPublished: 2,
      requestsReceived: 4,
      requestsAccepted: 2,
      requestsCompleted: 1,
    });
  });

  it("keeps one reported row per year that the space's accounts update, refusing others and future years", async () => {
    const { organisation, actor } = await createSpace();
    const year = luoyangYear(new Date());
    const figures = {
      year,
      incubated: 5,
      mentors: 8,
      trainingsHeld: 12,
      peopleTrained: 340,
      jobsCreated: 25,
      financingFen: 150_000_000,
    };
    await upsertKpiReport(actor, organisation.id, figures);
    await upsertKpiReport(actor, organisation.id, { ...figures, jobsCreated: 30 });
    expect(await listKpiReports(organisation.id)).toEqual([
      expect.objectContaining({ year, jobsCreated: 30, financingFen: 150_000_000 }),
    ]);
    const other = await createSpace();
    expect((await refusal(upsertKpiReport(other.actor, organisation.id, figures))).code).toBe(
      "space.forbidden",
    );
    expect(
      (await refusal(upsertKpiReport(actor, organisation.id, { ...figures, year: year + 1 }))).code,
    ).toBe("space.kpi_year");
    expect(
      await db.auditLog.count({
        where: { action: "space.kpi_reported", subjectId: `${organisation.id}:${year}` },
      }),
    ).toBe(2);

    const page = await getSpacePage(null, organisation.id);
    expect(page.reports).toHaveLength(1);
    expect(page).toMatchObject({ isMember: false, canRecognise: false, contactUserId: null });
    const farmer = await createFarmer();
    expect(await getSpacePage(farmer, organisation.id)).toMatchObject({
      canRequest: true,
      contactUserId: actor.id,
    });
  });
});
