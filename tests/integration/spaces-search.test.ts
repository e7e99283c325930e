import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { processOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import { markOwnerForIndexing } from "~/modules/verification/owner-documents.server";
import { listSavedSearches, runSavedSearchAlerts, saveSearch } from "~/modules/search/saved-searches.server";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import { createService, hideService, withdrawService } from "~/modules/spaces/spaces.server";
import { loader as searchLoader } from "~/routes/site/search";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/offers-factories";
import { createBureauStaff, createSpace, serviceFields } from "../support/spaces-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };
const search = (params: Record<string, string>) =>
  searchMarketplace(SearchParamsSchema.parse({ type: "services", ...params }));
const serviceIds = async (params: Record<string, string>) => {
  const result = await search(params);
  return result.type === "services" ? result.services.map((service) => service.id) : [];
};

// First, while the database is still empty: the demo seed only runs on an empty database.
describe("the demo space", () => {
  // Seeding the demo with its story (issue 24) and indexing it takes seconds on a loaded machine.
  it("publishes its services, which a rebuilt index finds", async () => {
    expect(await seedDemoData(db)).toBe(true);
    const services = await db.spaceService.findMany({
      select: {
        status: true,
        title: true,
        free: true,
        priceMinFen: true,
        organisation: { select: { name: true, verifiedAt: true } },
      },
    });
    // The demo story (issue 24) adds other spaces' services beside the demo space's own.
    expect(
      services.filter((service) => service.organisation.name === "嵩县伊河星创天地").length,
    ).toBeGreaterThanOrEqual(4);
    expect(
      services.every((service) => service.status === "PUBLISHED" && service.organisation.verifiedAt),
    ).toBe(true);
    expect(services.filter((service) => service.free).every((service) => service.priceMinFen === null)).toBe(
      true,
    );

    const counts = await rebuildIndexes(getSearchEngine());
    expect(counts.services).toBe(services.length);
    const result = await search({ q: "商标" });
    expect(result.type === "services" && result.services.map((service) => service.title)).toEqual([
      "农产品商标注册代理",
    ]);
  }, 60_000);
});

describe("searching space services", () => {
  it("indexes a published service through the outbox and finds it with the category facet, until it is hidden", async () => {
    const { actor } = await createSpace({ name: "汝阳县杜康星创天地" });
    const { id } = await createService(
      actor,
      serviceFields({
        category: "QUALITY_TESTING",
        title: "红薯粉条铝含量检测",
        industries: ["AGRI_PROCESSING"],
        countiesServed: ["410326"],
      }),
      { publish: true },
    );
    expect(await serviceIds({ q: "粉条" })).not.toContain(id);

    await processOutbox(getSearchEngine());
    const found = await search({ q: "粉条" });
    expect(found.type === "services" && found.services.map((service) => service.id)).toContain(id);
    expect(found.facets.category).toEqual({ QUALITY_TESTING: 1 });
    expect(found.facets.counties?.["410326"]).toBe(1);

    expect(await serviceIds({ q: "粉条", category: "QUALITY_TESTING" })).toEqual([id]);
    expect(await serviceIds({ q: "粉条", category: "LEGAL" })).toEqual([]);
    expect(await serviceIds({ q: "粉条", category: "NOT_A_CATEGORY" })).toEqual([id]);
    expect(await serviceIds({ q: "杜康" })).toEqual([id]);

    await hideService(await createBureauStaff(), id, "检测资质待核实");
    await processOutbox(getSearchEngine());
    expect(await serviceIds({ q: "粉条" })).not.toContain(id);
  });

  it("counts a service for any industry under every industry, and drops a withdrawn one", async () => {
    const { actor } = await createSpace();
    const { id } = await createService(
      actor,
      serviceFields({ category: "FINANCE", title: "核桃种植户小额贷款申请辅导", industries: [], free: true }),
      { publish: true },
    );
    await processOutbox(getSearchEngine());
    // The demo space's 小额信贷 service matches 贷款 too (信贷 is its synonym), so only this one is checked.
    expect(await serviceIds({ q: "核桃 贷款", industry: "SOLAR_WIND" })).toContain(id);
    expect(await serviceIds({ q: "核桃 贷款", industry: "BREEDING" })).toContain(id);

    await withdrawService(actor, id);
    await processOutbox(getSearchEngine());
    expect(await serviceIds({ q: "核桃 贷款" })).not.toContain(id);
  });

  it("re-indexes a space's services when its verification changes", async () => {
    const { actor, organisation } = await createSpace();
    const { id } = await createService(
      actor,
      serviceFields({ title: "山茱萸合作社经营管理咨询", category: "MANAGEMENT" }),
      { publish: true },
    );
    await processOutbox(getSearchEngine());
    expect(await serviceIds({ q: "山茱萸", verified: "1" })).toEqual([id]);

    await db.$transaction(async (tx) => {
      await tx.organisation.update({ where: { id: organisation.id }, data: { verifiedAt: null } });
      await markOwnerForIndexing(tx, { organisationId: organisation.id });
    });
    await processOutbox(getSearchEngine());
    expect(await serviceIds({ q: "山茱萸", verified: "1" })).toEqual([]);
    expect(await serviceIds({ q: "山茱萸" })).toEqual([id]);
  });

  it("sorts by fee with free services first", async () => {
    const { actor } = await createSpace();
    const tag = "牡丹籽油";
    const dear = await createService(
      actor,
      serviceFields({ title: `${tag}检测 贵`, priceMinFen: 500_000, priceMaxFen: 600_000 }),
      { publish: true },
    );
    const free = await createService(actor, serviceFields({ title: `${tag}检测 免费`, free: true }), {
      publish: true,
    });
    const cheap = await createService(
      actor,
      serviceFields({ title: `${tag}检测 便宜`, priceMinFen: 10_000, priceMaxFen: 20_000 }),
      { publish: true },
    );
    await processOutbox(getSearchEngine());
    expect(await serviceIds({ q: tag, sort: "budget" })).toEqual([free.id, cheap.id, dear.id]);
  });

  it("shows services on /search with the category facet", async () => {
    const { actor } = await createSpace();
    const { id } = await createService(
      actor,
      serviceFields({ title: "花椒网店直播创业孵化", category: "INCUBATION" }),
      { publish: true },
    );
    await processOutbox(getSearchEngine());
    const page = await searchLoader({
      request: new Request(
        `http://localhost:3000/search?type=services&q=${encodeURIComponent("花椒")}&category=INCUBATION`,
      ),
      context,
      params: {},
    });
    expect(page.params).toMatchObject({ type: "services", category: "INCUBATION" });
    expect(page.facetFields).toMatchObject({
      category: "category",
      industry: "industries",
      county: "counties",
    });
    expect(page.result.type === "services" && page.result.services.map((service) => service.id)).toEqual([
      id,
    ]);
  });

  it("may be saved like offers, and alerts about new matching services", async () => {
    const expert = await createExpert();
    await saveSearch(
      expert.id,
      SearchParamsSchema.parse({ type: "services", q: "连翘", category: "TRAINING_MENTORING" }),
      "连翘培训",
    );
    const [saved] = await listSavedSearches(expert.id);
    expect(saved?.href).toBe("/search?q=%E8%BF%9E%E7%BF%98&type=services&category=TRAINING_MENTORING");
    await runSavedSearchAlerts();

    const { actor } = await createSpace();
    await createService(
      actor,
      serviceFields({ title: "连翘种植与采收技术培训", category: "TRAINING_MENTORING" }),
      { publish: true },
    );
    await createService(actor, serviceFields({ title: "连翘茶加工质量检测", category: "QUALITY_TESTING" }), {
      publish: true,
    });
    await processOutbox(getSearchEngine());
    await runSavedSearchAlerts();
    const alerts = await db.notification.findMany({
      where: { userId: expert.id, type: "search.match" },
      select: { payload: true },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.payload).toMatchObject({
      params: { label: "连翘培训", count: 1 },
      href: expect.stringContaining("type=services"),
    });
  });
});
