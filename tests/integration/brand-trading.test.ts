import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actOnBrandPartners } from "~/modules/creative/brand-partners.server";
import { actOnBrandProject, startBrandProject } from "~/modules/creative/brands.server";
import { BRAND_TRANSITIONS } from "~/modules/creative/creative.states";
import { reportFigures } from "~/modules/reports/reports-figures.server";
import { createTown, linkTownProject, updateTown } from "~/modules/towns/towns.server";
import { assertTransition } from "~/utils/state-machine";
import { DomainError } from "~/utils/errors";
import { acceptExpert, createBrandingNeed } from "../support/creative-factories";
import { createCountyOfficer } from "../support/county-factories";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { createOrganisation } from "../support/factories";
import { addMember, createBureau } from "../support/needs-factories";
import { activeTrainees, createSpaceWithCourse } from "../support/issue23-spaces-factories";
import { enrolOnCourse } from "~/modules/bases/bases.server";
import { loader as brandsApi } from "~/routes/api/v1/api.v1.brands";
import { createFarmer } from "../support/spaces-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

const note = "与合作社一起走访了三个市场。";

/** A brand project taken through incubation to its launch. */
async function launchedProject() {
  const { need, head, organisation } = await createBrandingNeed();
  const { expert } = await acceptExpert(need.id);
  const project = await startBrandProject(head, { needId: need.id, name: "伏牛山珍", leadUserId: expert.id });
  for (const to of ["DESIGN", "TRADEMARK_FILING"] as const)
    await actOnBrandProject(expert, project.id, { intent: "advance", to, note });
  await actOnBrandProject(expert, project.id, {
    intent: "advance",
    to: "LAUNCH",
    note,
    trademarkApplicationNo: "58231946",
  });
  return { head, expert, organisation, project };
}

describe("brand stages after the launch", () => {
  it("keeps every incubation transition and adds upgrading then trading", () => {
    for (const [from, to] of [
      ["RESEARCH", "DESIGN"],
      ["DESIGN", "TRADEMARK_FILING"],
      ["TRADEMARK_FILING", "LAUNCH"],
      ["LAUNCH", "UPGRADING"],
      ["UPGRADING", "TRADING"],
    ] as const)
      expect(() => assertTransition(BRAND_TRANSITIONS, from, to)).not.toThrow();
    for (const [from, to] of [
      ["LAUNCH", "TRADING"],
      ["TRADING", "UPGRADING"],
      ["RESEARCH", "UPGRADING"],
    ] as const)
      expect(() => assertTransition(BRAND_TRANSITIONS, from, to, "creative.brand_stage_order")).toThrow(
        expect.objectContaining({ code: "creative.brand_stage_order" }),
      );
  });

  it("upgrades only a launched brand, then trades it; a trade is recorded once and a transfer ends trading", async () => {
    const { expert, head, project } = await launchedProject();
    expect(
      await refusal(actOnBrandProject(expert, project.id, { intent: "advance", to: "UPGRADING", note })),
    ).toBe("creative.brand_not_launched");
    await actOnBrandProject(head, project.id, { intent: "launch", note: "首批礼盒在洛阳超市上架。" });
    // Incubation work is closed after the launch; only the move to upgrading is open.
    expect(await refusal(actOnBrandProject(expert, project.id, { intent: "update", note }))).toBe(
      "creative.brand_closed",
    );
    const buyer = await createOrganisation("ENTERPRISE");
    const trade = {
      intent: "trade" as const,
      buyerOrganisationId: buyer.id,
      kind: "LICENCE" as const,
      price: 5_000_000,
      tradedOn: "2026-01-15",
      note: "",
    };
    expect(await refusal(actOnBrandPartners(expert, project.id, trade))).toBe("brand_partner.not_trading");
    await actOnBrandProject(expert, project.id, { intent: "advance", to: "UPGRADING", note });
    await actOnBrandProject(expert, project.id, { intent: "update", note });
    await actOnBrandProject(expert, project.id, { intent: "advance", to: "TRADING", note });
    await Promise.all([
      actOnBrandPartners(expert, project.id, trade),
      actOnBrandPartners(expert, project.id, trade),
    ]);
    expect(await db.brandTrade.count({ where: { projectId: project.id } })).toBe(1);
    await actOnBrandPartners(expert, project.id, { ...trade, kind: "TRANSFER", tradedOn: "2026-02-01" });
    expect(await refusal(actOnBrandPartners(expert, project.id, { ...trade, tradedOn: "2026-02-02" }))).toBe(
      "brand_partner.transferred",
    );
    const outsider = await createFarmer();
    expect(
      await refusal(actOnBrandPartners(outsider, project.id, { ...trade, tradedOn: "2026-02-03" })),
    ).toBe("brand_partner.forbidden");
    expect(await db.brandTrade.count({ where: { projectId: project.id } })).toBe(2);
  });
});

describe("partner agencies", () => {
  it("invites a service agency, which alone accepts and delivers a file", async () => {
    const { expert, project } = await launchedProject();
    const agency = await createOrganisation("SERVICE_AGENCY");
    const agent = await addMember(agency.id, "INSTITUTION");
    const notAgency = await createOrganisation("ENTERPRISE");
    const invite = {
      intent: "invite" as const,
      agencyOrganisationId: agency.id,
      serviceType: "TRADEMARK" as const,
      brief: "办理商标注册证书",
    };
    expect(
      await refusal(
        actOnBrandPartners(expert, project.id, { ...invite, agencyOrganisationId: notAgency.id }),
      ),
    ).toBe("brand_partner.not_agency");
    expect(await refusal(actOnBrandPartners(agent, project.id, invite))).toBe("brand_partner.forbidden");
    await actOnBrandPartners(expert, project.id, invite);
    expect(await refusal(actOnBrandPartners(expert, project.id, invite))).toBe(
      "brand_partner.already_invited",
    );
    const engagement = await db.brandAgencyEngagement.findFirstOrThrow({
      where: { projectId: project.id },
      select: { id: true },
    });
    expect(await db.notification.count({ where: { userId: agent.id, type: "brand.agency_invited" } })).toBe(
      1,
    );

    // The brand's team cannot answer for the agency; another agency's account neither.
    expect(
      await refusal(
        actOnBrandPartners(expert, project.id, { intent: "accept", engagementId: engagement.id }),
      ),
    ).toBe("brand_partner.forbidden");
    const otherAgent = await addMember((await createOrganisation("SERVICE_AGENCY")).id, "INSTITUTION");
    expect(
      await refusal(
        actOnBrandPartners(otherAgent, project.id, { intent: "accept", engagementId: engagement.id }),
      ),
    ).toBe("brand_partner.forbidden");
    const deliver = {
      intent: "deliver" as const,
      engagementId: engagement.id,
      deliveryNote: "商标注册证已取得，扫描件附后。",
    };
    expect(await refusal(actOnBrandPartners(agent, project.id, deliver, await jpegFile()))).toBe(
      "brand_partner.state",
    );
    await actOnBrandPartners(agent, project.id, { intent: "accept", engagementId: engagement.id });
    expect(await refusal(actOnBrandPartners(agent, project.id, deliver))).toBe("brand_partner.file_required");
    await actOnBrandPartners(agent, project.id, deliver, await jpegFile());
    const done = await db.brandAgencyEngagement.findUniqueOrThrow({
      where: { id: engagement.id },
      select: { status: true, deliveryUploadId: true },
    });
    expect(done.status).toBe("DELIVERED");
    expect(await db.upload.count({ where: { id: done.deliveryUploadId! } })).toBe(1);
    // The brand's team (the lead) is told of the delivery.
    expect(
      await db.notification.count({ where: { userId: expert.id, type: "brand.agency_delivered" } }),
    ).toBe(1);
  });
});

const plan = {
  ecologyPlan: "保护伏牛山林与水源，发展林下经济",
  functionPlan: "旅游集散、农产品展销与研学基地",
  industryPlan: "香菇、中药材和民宿三大产业联动",
  environmentPlan: "改造村容村貌，建设污水处理与停车场",
};

describe("characteristic towns", () => {
  it("the bureau creates, the town's county officer edits, another county's is refused", async () => {
    const bureau = await createBureau();
    const { officer } = await createCountyOfficer("410324");
    const { officer: other } = await createCountyOfficer("410325");
    const fields = {
      name: "重渡沟特色小镇",
      countyCode: "410324" as const,
      status: "PLANNING" as const,
      ...plan,
    };
    expect(await refusal(createTown(officer, fields))).toBe("town.forbidden");
    const town = await createTown(bureau, fields);
    expect(await refusal(createTown(bureau, fields))).toBe("town.duplicate");
    await updateTown(officer, town.id, { ...fields, status: "ACTIVE" });
    expect(await refusal(updateTown(other, town.id, { ...fields, status: "SUSPENDED" }))).toBe(
      "town.forbidden",
    );
    // The officer cannot move the town out of their county.
    expect(await refusal(updateTown(officer, town.id, { ...fields, countyCode: "410325" }))).toBe(
      "town.forbidden",
    );
    expect((await db.characteristicTown.findUniqueOrThrow({ where: { id: town.id } })).status).toBe("ACTIVE");

    const site = await db.demoSite.create({
      data: {
        name: "采摘园",
        type: "PICKING_GARDEN",
        countyCode: "410324",
        description: "示范园",
        createdById: bureau.id,
      },
      select: { id: true },
    });
    const elsewhere = await db.demoSite.create({
      data: {
        name: "别县园",
        type: "PICKING_GARDEN",
        countyCode: "410325",
        description: "示范园",
        createdById: bureau.id,
      },
      select: { id: true },
    });
    await linkTownProject(officer, town.id, "DEMO_SITE", site.id);
    await linkTownProject(officer, town.id, "DEMO_SITE", site.id);
    expect(await db.townProject.count({ where: { townId: town.id } })).toBe(1);
    expect(await refusal(linkTownProject(officer, town.id, "DEMO_SITE", elsewhere.id))).toBe(
      "town.project_other_county",
    );
    expect(await refusal(linkTownProject(other, town.id, "DEMO_SITE", site.id))).toBe("town.forbidden");
    // The CHECK: a link names exactly the record of its kind.
    await expect(
      db.townProject.create({
        data: { townId: town.id, kind: "BRAND_PROJECT", demoSiteId: elsewhere.id, linkedById: bureau.id },
      }),
    ).rejects.toThrow();
  });
});

describe("issue 23 figures", () => {
  it("equal an independent SQL count for the city and a county", async () => {
    const bureau = await createBureau();
    await createTown(bureau, { name: "小镇甲", countyCode: "410324", status: "ACTIVE", ...plan });
    await createTown(bureau, { name: "小镇乙", countyCode: "410325", status: "PLANNING", ...plan });
    const { course } = await createSpaceWithCourse(5);
    await enrolOnCourse(await createFarmer(), course.id, "GRADUATE");
    await enrolOnCourse(await createFarmer(), course.id, "MAKER");
    expect(await activeTrainees(course.id)).toBe(2);
    const year = new Date().getUTCFullYear();
    const period = {
      kind: "YEAR",
      key: String(year),
      firstDay: `${year}-01-01`,
      lastDay: `${year}-12-31`,
      start: new Date(`${year - 1}-12-31T16:00:00Z`),
      end: new Date(`${year}-12-31T16:00:00Z`),
    };
    const city = await reportFigures(period as never, { kind: "city" });
    const sql = async (query: string) => Number((await db.$queryRawUnsafe<{ n: number }[]>(query))[0]!.n);
    expect(city.townsActive).toBe(
      await sql(`SELECT count(*)::int AS n FROM "CharacteristicTown" WHERE status = 'ACTIVE'`),
    );
    expect(city.townsActive).toBeGreaterThanOrEqual(1);
    expect(city.baseTrainees).toBe(
      await sql(`SELECT count(*)::int AS n FROM "BaseTrainee" bt JOIN "BaseCourse" c ON c.id = bt."courseId"
        WHERE bt."withdrawnAt" IS NULL AND extract(year FROM c."startsOn") = ${year}`),
    );
    expect(city.baseTrainees).toBeGreaterThanOrEqual(2);
    expect(city.brandsTraded).toBe(
      await sql(
        `SELECT count(DISTINCT "projectId")::int AS n FROM "BrandTrade" WHERE extract(year FROM "tradedOn") = ${year}`,
      ),
    );
    const county = await reportFigures(period as never, { kind: "county", countyCode: "410325" });
    expect(county.townsActive).toBe(
      await sql(
        `SELECT count(*)::int AS n FROM "CharacteristicTown" WHERE status = 'ACTIVE' AND "countyCode" = '410325'`,
      ),
    );
    expect(county.baseTrainees).toBe(
      await sql(`SELECT count(*)::int AS n FROM "BaseTrainee" bt JOIN "BaseCourse" c ON c.id = bt."courseId"
        JOIN "TrainingBase" b ON b.id = c."baseId"
        WHERE bt."withdrawnAt" IS NULL AND b."countyCode" = '410325' AND extract(year FROM c."startsOn") = ${year}`),
    );
    expect(county.brandsTraded).toBe(
      await sql(`SELECT count(DISTINCT t."projectId")::int AS n FROM "BrandTrade" t JOIN "BrandProject" p ON p.id = t."projectId"
        WHERE p."countyCode" = '410325' AND extract(year FROM t."tradedOn") = ${year}`),
    );
  });
});

describe("GET /api/v1/brands", () => {
  const call = (query: string) =>
    brandsApi({
      request: new Request(`http://localhost/api/v1/brands${query}`),
      params: {},
      context: { cspNonce: "t", clientIp: "10.6.1.2" },
    } as never);

  it("answers anyone with each project's stages, agencies and trades, filtered by stage and county", async () => {
    const { expert, head, project } = await launchedProject();
    await actOnBrandProject(head, project.id, { intent: "launch", note: "首批礼盒在洛阳超市上架。" });
    await actOnBrandProject(expert, project.id, { intent: "advance", to: "UPGRADING", note });
    const agency = await createOrganisation("SERVICE_AGENCY");
    await actOnBrandPartners(expert, project.id, {
      intent: "invite",
      agencyOrganisationId: agency.id,
      serviceType: "IP",
      brief: "办理地理标志保护",
    });
    await actOnBrandProject(expert, project.id, { intent: "advance", to: "TRADING", note });
    const buyer = await createOrganisation("ENTERPRISE");
    await actOnBrandPartners(expert, project.id, {
      intent: "trade",
      buyerOrganisationId: buyer.id,
      kind: "LICENCE",
      price: 12_000,
      tradedOn: "2026-03-01",
      note: "",
    });
    const { countyCode } = await db.brandProject.findUniqueOrThrow({ where: { id: project.id } });

    const answer = await call(`?stage=TRADING&county=${countyCode}`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      data: {
        id: string;
        stage: string;
        stages: { stage: string }[];
        agencies: { agency: { id: string }; serviceType: string; status: string }[];
        trades: { buyer: { id: string }; kind: string; priceFen: number; tradedOn: string }[];
      }[];
    };
    const mine = body.data.find((item) => item.id === project.id)!;
    expect(mine.stage).toBe("TRADING");
    expect(mine.stages.map((event) => event.stage)).toEqual(
      expect.arrayContaining(["DESIGN", "TRADEMARK_FILING", "LAUNCH", "UPGRADING", "TRADING"]),
    );
    expect(mine.agencies).toEqual([
      expect.objectContaining({
        agency: expect.objectContaining({ id: agency.id }),
        serviceType: "IP",
        status: "INVITED",
      }),
    ]);
    expect(mine.trades).toEqual([
      {
        buyer: { id: buyer.id, name: expect.any(String) },
        kind: "LICENCE",
        priceFen: 12_000,
        tradedOn: "2026-03-01",
      },
    ]);
    // Another stage leaves it out; a stage or county that does not exist is a 400, never a 5xx.
    const launched = (await (await call("?stage=LAUNCH")).json()) as { data: { id: string }[] };
    expect(launched.data.map((item) => item.id)).not.toContain(project.id);
    expect((await call("?stage=SOLD")).status).toBe(400);
    expect((await call("?county=999999")).status).toBe(400);
  });
});
