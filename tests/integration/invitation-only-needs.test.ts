import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { getNeedForViewer, listNeeds } from "~/modules/needs/needs.queries.server";
import { createNeed } from "~/modules/needs/needs.server";
import { processOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import { runSavedSearchAlerts, saveSearch } from "~/modules/search/saved-searches.server";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import * as needsRoute from "~/routes/api/v1/api.v1.needs";
import * as needRoute from "~/routes/api/v1/api.v1.needs.$id";
import { apiRequest, tokenFor } from "../support/api-factories";
import { useTestDatabase } from "../support/database";
import {
  addMember,
  createBureau,
  createExpert,
  createVillage,
  meta,
  needFields,
} from "../support/needs-factories";

/* An invitation-only need is for its organisation, the experts it invited and the bureau. */

useTestDatabase();
const TITLE = "猕猴桃溃疡病邀约诊断";
const context = { cspNonce: "t", clientIp: "10.9.1.1" };
let needId = "";
let village: Awaited<ReturnType<typeof createVillage>>;
let invited: Awaited<ReturnType<typeof createExpert>>;
let outsider: Awaited<ReturnType<typeof createExpert>>;

beforeAll(async () => {
  await rebuildIndexes(getSearchEngine());
  village = await createVillage();
  [invited, outsider] = await Promise.all([createExpert(), createExpert()]);
  await saveSearch(outsider.id, SearchParamsSchema.parse({ q: "猕猴桃" }), "猕猴桃");
  const created = await createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields({ title: TITLE, invitationOnly: "on" }),
    photos: [],
    publish: true,
    meta,
  });
  needId = created.id;
  await db.needInvitation.create({
    data: { needId, expertId: invited.id, invitedById: village.head.id },
  });
  await processOutbox(getSearchEngine());
});

beforeEach(() => resetRateLimits());

describe("an invitation-only need", () => {
  it("is published, and not in the needs list", async () => {
    expect(await db.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true } })).toEqual({
      status: "OPEN",
    });
    const { items } = await listNeeds({ sort: "newest", page: 1, q: "猕猴桃" } as never);
    expect(items.map((item) => item.id)).not.toContain(needId);
  });

  it("is not found by search (engine or database fallback)", async () => {
    const result = await searchMarketplace(SearchParamsSchema.parse({ q: "猕猴桃", type: "needs" }));
    expect(result.type === "needs" ? result.needs.map((need) => need.id) : []).not.toContain(needId);
    const hits = await getSearchEngine().search("needs", { q: "猕猴桃溃疡病", limit: 20 } as never);
    expect(hits.hits.map((hit) => hit.id)).not.toContain(needId);
  });

  it("sends no saved-search alert to people who were not invited", async () => {
    await runSavedSearchAlerts();
    expect(await db.notification.count({ where: { userId: outsider.id, type: "search.match" } })).toBe(0);
  });

  it("is not listed by the API, and answers 404 to others by id", async () => {
    const token = await tokenFor(outsider, ["needs:read"]);
    const list = await needsRoute.loader({
      request: apiRequest("/api/v1/needs?q=猕猴桃", { token }),
      params: {},
      context,
    } as never);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { id: string }[] }).data.map((need) => need.id)).not.toContain(
      needId,
    );
    const one = (actorToken: string) =>
      needRoute.loader({
        request: apiRequest(`/api/v1/needs/${needId}`, { token: actorToken }),
        params: { id: needId },
        context,
      } as never);
    expect((await one(token)).status).toBe(404);
    expect((await one(await tokenFor(invited, ["needs:read"]))).status).toBe(200);
  });

  it("shows its page to the organisation, the invitee and the bureau only", async () => {
    const member = await addMember(village.organisation.id, "FARMER");
    const bureau = await createBureau();
    for (const viewer of [village.head, member, invited, bureau])
      expect((await getNeedForViewer(needId, viewer)).need.id).toBe(needId);
    for (const viewer of [outsider, null])
      await expect(getNeedForViewer(needId, viewer)).rejects.toMatchObject({ code: "need.not_found" });
  });
});
