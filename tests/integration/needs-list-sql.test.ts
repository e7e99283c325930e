import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { seedDemoData } from "~/modules/demo/seed.server";
import {
  NEEDS_PER_PAGE,
  NEED_CARD_SELECT,
  NEED_DETAIL_SELECT,
  findNeedDetail,
  getNeedCards,
  listNeeds,
  publishedWhere,
} from "~/modules/needs/needs.queries.server";
import { NeedFiltersSchema, type NeedFilters } from "~/modules/needs/needs.schema";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage } from "../support/needs-factories";

// The needs list is one statement of SQL (docs/decisions/044). This is the Prisma model query it
// replaced, kept as the reference: for every filter the list offers, both give the same page,
// field for field, and the same total.
useTestDatabase();

const ORDER: Record<NeedFilters["sort"], Prisma.NeedOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: "desc" }, { id: "desc" }],
  deadline: [{ deadline: { sort: "asc", nulls: "last" } }, { id: "desc" }],
  budget: [{ budgetMaxFen: { sort: "desc", nulls: "last" } }, { id: "desc" }],
};

async function reference(filters: NeedFilters) {
  const where = publishedWhere(filters);
  const [total, items] = await Promise.all([
    db.need.count({ where }),
    db.need.findMany({
      where,
      select: NEED_CARD_SELECT,
      orderBy: ORDER[filters.sort],
      skip: (filters.page - 1) * NEEDS_PER_PAGE,
      take: NEEDS_PER_PAGE,
    }),
  ]);
  return { items, total };
}

beforeAll(async () => {
  expect(await seedDemoData(db, new Date("2026-11-20T04:00:00Z"))).toBe(true);
  // What the demo lacks: a hidden need, an invitation-only one, an unverified poster without an
  // organisation, and titles with the characters ILIKE treats as wildcards.
  const village = await createVillage({ verified: false });
  const expert = await createExpert({ verified: false });
  const base = {
    kind: "TECHNICAL" as const,
    description: "测试用的需求描述，足够长。",
    industry: "PLANTING",
    countyCode: "410324",
    arrangements: ["PAID_SERVICE" as const],
    status: "OPEN" as const,
    publishedAt: new Date("2026-11-19T00:00:00Z"),
  };
  await db.need.createMany({
    data: [
      {
        ...base,
        title: "隐藏的需求",
        organisationId: village.organisation.id,
        postedById: village.head.id,
        hiddenAt: new Date(),
      },
      {
        ...base,
        title: "仅邀请的需求",
        organisationId: village.organisation.id,
        postedById: village.head.id,
        invitationOnly: true,
      },
      { ...base, title: "个人发布 100% 有机", postedById: expert.id, budgetMaxFen: 999_999_00 },
      {
        ...base,
        title: "带下划线的 a_b 需求",
        organisationId: village.organisation.id,
        postedById: village.head.id,
      },
    ],
  });
  // Two photos on one need: the card shows the first by its order, not by its id.
  const pictured = await db.need.findFirstOrThrow({ where: { title: "带下划线的 a_b 需求" } });
  const uploads = await Promise.all(
    ["b", "a"].map((key) =>
      db.upload.create({
        data: {
          ownerId: village.head.id,
          storageKey: `test/${key}-${pictured.id}`,
          mimeType: "image/webp",
          bytes: 10,
        },
      }),
    ),
  );
  await db.needPhoto.createMany({
    data: uploads.map((upload, index) => ({ needId: pictured.id, uploadId: upload.id, sortOrder: index })),
  });
}, 60_000);

const parse = (query: Record<string, string>) => NeedFiltersSchema.parse(query);

describe("the needs list in SQL", () => {
  const cases: Record<string, string>[] = [
    {},
    { page: "2" },
    { page: "40" },
    { sort: "deadline" },
    { sort: "budget" },
    { sort: "budget", page: "2" },
    { status: "IN_PROGRESS" },
    { status: "COMPLETED" },
    { industry: "PLANTING" },
    { industry: "BREEDING", sort: "deadline" },
    { county: "410324" },
    { county: "410327", status: "IN_PROGRESS" },
    { kind: "TECHNICAL" },
    { kind: "BRANDING" },
    { arrangement: "TECH_CONTRACT" },
    { arrangement: "TECH_EQUITY" },
    { verified: "1" },
    { verified: "1", sort: "budget" },
    { q: "香菇" },
    { q: "合作社" },
    { q: "100%" },
    { q: "a_b" },
    { q: "%" },
    { q: "_" },
    { q: "\\" },
    { q: "TECH" },
    { industry: "PLANTING", county: "410324", verified: "1", q: "种", sort: "deadline" },
  ];

  it.each(cases)("gives the model query's page and total for %j", async (query) => {
    const filters = parse(query);
    const [ours, theirs] = await Promise.all([listNeeds(filters), reference(filters)]);
    expect(ours.total).toBe(
      // Prisma leaves % and _ as wildcards inside `contains`; the list matches them as typed.
      query.q && /[%_\\]/.test(query.q) ? ours.total : theirs.total,
    );
    if (query.q && /[%_\\]/.test(query.q)) return;
    expect(ours.items).toEqual(theirs.items);
    expect(ours.pages).toBe(Math.max(1, Math.ceil(theirs.total / NEEDS_PER_PAGE)));
  });

  it("matches a percent sign, an underscore and a backslash as the characters typed", async () => {
    const titles = async (q: string) => (await listNeeds(parse({ q }))).items.map((item) => item.title);
    expect(await titles("100%")).toEqual(["个人发布 100% 有机"]);
    expect(await titles("a_b")).toEqual(["带下划线的 a_b 需求"]);
    expect(await titles("%")).toEqual(["个人发布 100% 有机"]);
    expect(await titles("_")).toEqual(["带下划线的 a_b 需求"]);
    expect(await titles("\\")).toEqual([]);
  });

  it("never lists a hidden or invitation-only need", async () => {
    const all = await listNeeds(parse({ q: "需求" }));
    expect(all.items.map((item) => item.title)).not.toContain("隐藏的需求");
    expect(all.items.map((item) => item.title)).not.toContain("仅邀请的需求");
  });

  it("has cases that return rows, photos, applications and both kinds of poster", async () => {
    const first = await listNeeds(parse({}));
    expect(first.items).toHaveLength(NEEDS_PER_PAGE);
    const seen = (await Promise.all(cases.map((query) => listNeeds(parse(query))))).flatMap(
      (page) => page.items,
    );
    expect(seen.some((item) => item.photos.length > 0)).toBe(true);
    expect(seen.some((item) => item._count.applications > 0)).toBe(true);
    expect(seen.some((item) => item.organisation === null)).toBe(true);
    expect(seen.some((item) => item.deadline !== null)).toBe(true);
  });
});

describe("a need's page and search results' cards in SQL", () => {
  it("gives every need, hidden, invitation-only, draft and photographed ones too, as the model query", async () => {
    const ids = (await db.need.findMany({ select: { id: true } })).map((need) => need.id);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids)
      expect(await findNeedDetail(id)).toEqual(
        await db.need.findUnique({ where: { id }, select: NEED_DETAIL_SELECT }),
      );
    expect(await findNeedDetail("no-such-need")).toBeNull();
    const pictured = await db.need.findFirstOrThrow({ where: { title: "带下划线的 a_b 需求" } });
    expect((await findNeedDetail(pictured.id))?.photos).toHaveLength(2);
  });

  it("gives search results' cards in the engine's order, without hidden or invitation-only needs", async () => {
    const needs = await db.need.findMany({ select: { id: true }, orderBy: { title: "asc" } });
    const ids = [...needs.map((need) => need.id)].reverse();
    const expected = await db.need.findMany({
      where: { id: { in: ids }, hiddenAt: null, invitationOnly: false },
      select: NEED_CARD_SELECT,
    });
    const byId = new Map(expected.map((card) => [card.id, card]));
    const cards = await getNeedCards([...ids, "no-such-need"]);
    expect(cards).toEqual(ids.flatMap((id) => byId.get(id) ?? []));
    expect(cards.map((card) => card.title)).not.toContain("隐藏的需求");
    expect(await getNeedCards([])).toEqual([]);
  });
});
