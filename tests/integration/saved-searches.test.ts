import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createNeed } from "~/modules/needs/needs.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { processOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import {
  deleteSavedSearch,
  listSavedSearches,
  runSavedSearchAlerts,
  saveSearch,
} from "~/modules/search/saved-searches.server";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage, meta, needFields } from "../support/needs-factories";

useTestDatabase();

beforeAll(async () => {
  await rebuildIndexes(getSearchEngine());
});

const alertsFor = (userId: string) =>
  db.notification.findMany({ where: { userId, type: "search.match" }, select: { payload: true } });

describe("saved searches", () => {
  it("tells the person once about each batch of new matching records", async () => {
    const expert = await createExpert();
    await saveSearch(expert.id, SearchParamsSchema.parse({ q: "牡丹", county: "410311" }), "洛龙区 牡丹");
    expect(await runSavedSearchAlerts()).toBe(0);

    const { organisation, head } = await createVillage();
    await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "牡丹籽油压榨工艺", countyCode: "410311" }),
      photos: [],
      publish: true,
      meta,
    });
    await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "牡丹观光园规划", countyCode: "410325" }),
      photos: [],
      publish: true,
      meta,
    });
    await processOutbox(getSearchEngine());

    await runSavedSearchAlerts();
    const alerts = await alertsFor(expert.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].payload).toMatchObject({
      params: { label: "洛龙区 牡丹", count: 1 },
      href: expect.stringContaining("county=410311"),
    });

    await runSavedSearchAlerts();
    expect(await alertsFor(expert.id)).toHaveLength(1);
  });

  it("lists and deletes only the owner's searches", async () => {
    const [owner, other] = await Promise.all([createExpert(), createExpert()]);
    await saveSearch(owner.id, SearchParamsSchema.parse({ q: "光伏", type: "offers" }), "光伏");
    const [saved] = await listSavedSearches(owner.id);
    expect(saved.href).toBe("/search?q=%E5%85%89%E4%BC%8F&type=offers");
    await expect(deleteSavedSearch(other.id, saved.id)).rejects.toBeInstanceOf(DomainError);
    await deleteSavedSearch(owner.id, saved.id);
    expect(await listSavedSearches(owner.id)).toEqual([]);
  });

  it("refuses expert searches and more than twenty", async () => {
    const expert = await createExpert();
    await expect(
      saveSearch(expert.id, SearchParamsSchema.parse({ type: "experts" }), "x"),
    ).rejects.toMatchObject({ code: "search.cannot_save" });
    for (let i = 0; i < 20; i++)
      await saveSearch(expert.id, SearchParamsSchema.parse({ q: `词${i}` }), `词${i}`);
    await expect(
      saveSearch(expert.id, SearchParamsSchema.parse({ q: "多一个" }), "多一个"),
    ).rejects.toMatchObject({ code: "search.too_many_saved" });
  });
});
