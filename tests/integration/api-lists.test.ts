import Ajv2020 from "ajv/dist/2020";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import { openApplicationConversation } from "~/modules/chat/chat.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { rebuildIndexes } from "~/modules/search/indexer.server";
import * as applications from "~/routes/api/v1/api.v1.applications";
import * as conversations from "~/routes/api/v1/api.v1.conversations";
import * as docsPage from "~/routes/api/v1/api.v1.docs";
import * as needs from "~/routes/api/v1/api.v1.needs";
import * as applyNeed from "~/routes/api/v1/api.v1.needs.$id.applications";
import * as offers from "~/routes/api/v1/api.v1.offers";
import * as openApi from "~/routes/api/v1/api.v1.openapi[.]json";
import * as programmes from "~/routes/api/v1/api.v1.programmes";
import * as search from "~/routes/api/v1/api.v1.search";
import { apiRequest, expectDocumented, tokenFor } from "../support/api-factories";
import { createApplicationChat } from "../support/chat-factories";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage } from "../support/needs-factories";
import { insertOffer } from "../support/offers-factories";
import { createOpenProgramme } from "../support/programmes-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.8.1.1" };
type Route = { loader?: (args: never) => Promise<Response>; action?: (args: never) => Promise<Response> };

function call(route: Route, request: Request, params: Record<string, string> = {}) {
  const handler = request.method === "GET" || request.method === "HEAD" ? route.loader! : route.action!;
  return handler({ request, params, context } as never);
}

beforeEach(() => resetRateLimits());

/** Follows `nextCursor` to the end, two items a page, checking every page against the document. */
async function walk(route: Route, path: string, token: string, documented = path.split("?")[0]!) {
  const ids: string[] = [];
  let url = `${path}${path.includes("?") ? "&" : "?"}limit=2`;
  for (let pages = 0; pages < 20; pages++) {
    const page = await expectDocumented(await call(route, apiRequest(url, { token })), "GET", documented);
    ids.push(...(page.data as { id: string }[]).map((item) => item.id));
    if (!page.nextCursor) return { ids, pages: pages + 1 };
    url = `${path}${path.includes("?") ? "&" : "?"}limit=2&cursor=${page.nextCursor as string}`;
  }
  throw new Error("the cursor never ends");
}

const day = (n: number) => new Date(Date.UTC(2027, 0, n));

describe("sorted, filtered and cursor-paged lists", () => {
  it("pages needs in each sort of the /needs page, empty values last and ties by id", async () => {
    const { organisation, head } = await createVillage();
    const tag = randomUUID().slice(0, 8);
    const rows: { key: string; publishedAt: Date; deadline: Date | null; budgetMaxFen: number | null }[] = [
      { key: "a", publishedAt: day(1), deadline: day(20), budgetMaxFen: 500_000 },
      { key: "b", publishedAt: day(2), deadline: null, budgetMaxFen: 900_000 },
      { key: "c", publishedAt: day(3), deadline: day(10), budgetMaxFen: null },
      { key: "d", publishedAt: day(4), deadline: day(10), budgetMaxFen: 500_000 },
      { key: "e", publishedAt: day(5), deadline: day(30), budgetMaxFen: 100_000 },
    ];
    const ids: Record<string, string> = {};
    for (const row of rows) {
      const need = await db.need.create({
        data: {
          organisationId: organisation.id,
          postedById: head.id,
          title: `排序测试${tag}${row.key}`,
          description: "用于接口排序与分页测试的需求描述，足够长。",
          industry: "PLANTING",
          countyCode: "410324",
          arrangements: ["PAID_SERVICE"],
          status: "OPEN",
          publishedAt: row.publishedAt,
          deadline: row.deadline,
          budgetMaxFen: row.budgetMaxFen,
        },
        select: { id: true },
      });
      ids[row.key] = need.id;
    }
    // A hidden one and one in another industry never show.
    await db.need.create({
      data: {
        organisationId: organisation.id,
        postedById: head.id,
        title: `排序测试${tag}x`,
        description: "隐藏的需求。",
        industry: "PLANTING",
        countyCode: "410324",
        arrangements: ["PAID_SERVICE"],
        status: "OPEN",
        publishedAt: day(6),
        hiddenAt: new Date(),
      },
    });
    await db.need.create({
      data: {
        organisationId: organisation.id,
        postedById: head.id,
        title: `排序测试${tag}y`,
        description: "别的行业。",
        industry: "BREEDING",
        countyCode: "410324",
        arrangements: ["PAID_SERVICE"],
        status: "OPEN",
        publishedAt: day(7),
      },
    });
    const token = await tokenFor(head, ["needs:read"]);
    const byKey = (keys: string) => [...keys].map((key) => ids[key]);
    // Ties (c and d share a deadline, a and d a budget) go to the larger id first.
    const tiedByDeadline = ids.d! > ids.c! ? "dc" : "cd";
    const tiedByBudget = ids.d! > ids.a! ? "da" : "ad";

    const base = `/api/v1/needs?q=${tag}&industry=PLANTING`;
    const newest = await walk(needs, base, token, "/api/v1/needs");
    expect(newest).toEqual({ ids: byKey("edcba"), pages: 3 });
    expect((await walk(needs, `${base}&sort=deadline`, token, "/api/v1/needs")).ids).toEqual(
      byKey(`${tiedByDeadline}aeb`),
    );
    expect((await walk(needs, `${base}&sort=budget`, token, "/api/v1/needs")).ids).toEqual(
      byKey(`b${tiedByBudget}ec`),
    );

    // A cursor of another sort's kind, or garbage, is a documented 400 problem.
    const first = await expectDocumented(
      await call(needs, apiRequest(`${base}&limit=1`, { token })),
      "GET",
      "/api/v1/needs",
    );
    const mixed = await call(
      needs,
      apiRequest(`${base}&sort=budget&cursor=${first.nextCursor as string}`, { token }),
    );
    expect(mixed.status).toBe(400);
    expect((await expectDocumented(mixed, "GET", "/api/v1/needs")).code).toBe("api.invalid_cursor");
    const unknownSort = await call(needs, apiRequest(`${base}&sort=cheapest`, { token }));
    expect(unknownSort.status).toBe(400);
    await expectDocumented(unknownSort, "GET", "/api/v1/needs");
  });

  it("pages offers newest first and by price, unpriced last", async () => {
    const expert = await createExpert();
    const tag = randomUUID().slice(0, 8);
    const make = (key: string, n: number, priceMinFen: number | null, priceMaxFen: number | null) =>
      insertOffer(
        { expertId: expert.id, postedById: expert.id },
        { title: `报价排序${tag}${key}`, publishedAt: day(n), priceMinFen, priceMaxFen },
      );
    const a = await make("a", 1, 100_000, 300_000);
    const b = await make("b", 2, null, null);
    const c = await make("c", 3, 50_000, 900_000);
    const d = await make("d", 4, 200_000, 250_000);
    await insertOffer(
      { expertId: expert.id, postedById: expert.id },
      { title: `报价排序${tag}草稿`, status: "DRAFT" },
    );
    const token = await tokenFor(expert, ["offers:read"]);
    const base = `/api/v1/offers?q=${tag}`;
    expect(await walk(offers, base, token, "/api/v1/offers")).toEqual({
      ids: [d.id, c.id, b.id, a.id],
      pages: 2,
    });
    expect((await walk(offers, `${base}&sort=price_asc`, token, "/api/v1/offers")).ids).toEqual([
      c.id,
      a.id,
      d.id,
      b.id,
    ]);
    expect((await walk(offers, `${base}&sort=price_desc`, token, "/api/v1/offers")).ids).toEqual([
      c.id,
      a.id,
      d.id,
      b.id,
    ]);
    expect(
      (
        await walk(
          offers,
          `${base}&county=410324&arrangement=PAID_SERVICE&verified=1`,
          token,
          "/api/v1/offers",
        )
      ).ids,
    ).toEqual([d.id, c.id, b.id, a.id]);
  });

  it("pages my applications, the programmes and my conversations", async () => {
    const chat = await createApplicationChat();
    // Two more experts apply to the same need: three applications' conversations for the head.
    for (let i = 0; i < 2; i++) {
      const expert = await createExpert();
      const application = await db.application.create({
        data: {
          needId: chat.need.id,
          expertId: expert.id,
          approach: "现场诊断",
          timeline: "一周",
          arrangement: "TECH_CONTRACT",
          priceFen: 200_000,
        },
        select: { id: true },
      });
      await openApplicationConversation(chat.head, application.id);
    }
    const headToken = await tokenFor(chat.head, ["messages:read"]);
    const talks = await walk(conversations, "/api/v1/conversations", headToken);
    expect(talks.ids).toHaveLength(3);
    expect(new Set(talks.ids).size).toBe(3);
    expect(talks.pages).toBe(2);
    expect(talks.ids).toContain(chat.conversation.id);

    // The expert applies to three open needs through the API.
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const expertToken = await tokenFor(expert, ["applications:write", "applications:read"]);
    const applied: string[] = [];
    for (let i = 0; i < 3; i++) {
      const need = await db.need.create({
        data: {
          organisationId: organisation.id,
          postedById: head.id,
          title: `申请分页${i}`,
          description: "用于申请分页的需求。",
          industry: "PLANTING",
          countyCode: "410324",
          arrangements: ["PAID_SERVICE"],
          status: "OPEN",
          publishedAt: new Date(),
        },
        select: { id: true },
      });
      const body = {
        approach: "先到现场查看土壤和灌溉条件，再给出分步实施方案。",
        timeline: "两周内完成",
        arrangement: "PAID_SERVICE",
        price: "3000",
      };
      const response = await call(
        applyNeed,
        apiRequest(`/api/v1/needs/${need.id}/applications`, { token: expertToken, method: "POST", body }),
        { id: need.id },
      );
      expect(response.status).toBe(201);
      applied.unshift(((await response.json()) as { id: string }).id);
    }
    // Latest change first; the three were created in order, so the last one leads.
    const mine = await walk(applications, "/api/v1/applications", expertToken);
    expect(mine).toEqual({ ids: applied, pages: 2 });

    await createOpenProgramme();
    await createOpenProgramme();
    await createOpenProgramme();
    const programmeToken = await tokenFor(head, ["programmes:read"]);
    const all = await walk(programmes, "/api/v1/programmes", programmeToken);
    expect(new Set(all.ids).size).toBe(all.ids.length);
    const whole = await expectDocumented(
      await call(programmes, apiRequest("/api/v1/programmes?limit=100", { token: programmeToken })),
      "GET",
      "/api/v1/programmes",
    );
    expect(all.ids).toEqual((whole.data as { id: string }[]).map((programme) => programme.id));
    expect(all.ids.length).toBeGreaterThanOrEqual(3);
  });

  it("pages search results with a cursor over the page number", async () => {
    const expert = await createExpert();
    const tag = `搜索分页${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 21; i++)
      await insertOffer({ expertId: expert.id, postedById: expert.id }, { title: `${tag}滴灌技术服务${i}` });
    await rebuildIndexes(getSearchEngine());
    const token = await tokenFor(expert, ["search:read"]);
    const path = `/api/v1/search?type=offers&q=${encodeURIComponent(tag)}`;
    const first = await expectDocumented(
      await call(search, apiRequest(path, { token })),
      "GET",
      "/api/v1/search",
    );
    expect(first.total).toBe(21);
    expect(first.data).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await expectDocumented(
      await call(search, apiRequest(`${path}&cursor=${first.nextCursor as string}`, { token })),
      "GET",
      "/api/v1/search",
    );
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...(first.data as { id: string }[]), ...(second.data as { id: string }[])].map(
      (item) => item.id,
    );
    expect(new Set(ids).size).toBe(21);
  });
});

describe("the edges of /api/v1", () => {
  it("answers a method a path does not support with a 405 problem and an Allow header", async () => {
    type Document = { components: { schemas: { Problem: object } } };
    const problemSchema = ((await openApi.loader().json()) as Document).components.schemas.Problem;
    const validate = new Ajv2020({ strict: false }).compile(problemSchema);
    const cases: [Route, string, string, string][] = [
      [applications, "POST", "/api/v1/applications", "GET, HEAD"],
      [applyNeed, "GET", "/api/v1/needs/x/applications", "POST"],
      [needs, "PUT", "/api/v1/needs", "GET, HEAD, POST"],
      [needs, "DELETE", "/api/v1/needs", "GET, HEAD, POST"],
      [{ action: openApi.action }, "POST", "/api/v1/openapi.json", "GET, HEAD"],
    ];
    for (const [route, method, path, allow] of cases) {
      const response = await call(route, apiRequest(path, { method }), { id: "x" });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const body = await response.json();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body).toMatchObject({
        status: 405,
        code: "api.method_not_allowed",
        type: "/api/v1/docs#problem-api.method_not_allowed",
      });
    }
  });

  it("lists every problem code in the reference, where the problems' type points", async () => {
    const reference = await docsPage.loader({
      request: new Request("http://localhost:3000/api/v1/docs", { headers: { "accept-language": "en" } }),
      context,
      params: {},
    });
    const byCode = new Map(reference.problems.map((problem) => [problem.code, problem]));
    expect(byCode.get("api.invalid_cursor")).toEqual({
      code: "api.invalid_cursor",
      anchor: "problem-api.invalid_cursor",
      status: 400,
      message: "The pagination cursor is not valid",
    });
    expect(byCode.get("api.rate_limited")?.status).toBe(429);
    expect(byCode.get("api.invalid_request")?.status).toBe(400);
    expect(byCode.get("api.method_not_allowed")?.status).toBe(405);
    expect(byCode.get("chat.not_found")?.status).toBe(404);
    // A real problem's type names an anchor the page has.
    const token = await tokenFor((await createVillage()).head, ["needs:read"]);
    const refused = await expectDocumented(
      await call(needs, apiRequest("/api/v1/needs?cursor=nonsense", { token })),
      "GET",
      "/api/v1/needs",
    );
    expect(String(refused.type).split("#")[1]).toBe(byCode.get(String(refused.code))?.anchor);
  });
});
