import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { resetRateLimits, RATE_LIMIT } from "~/modules/api/rate-limit.server";
import { revokeToken, listTokens } from "~/modules/api/tokens.server";
import { createNeed } from "~/modules/needs/needs.server";
import * as needs from "~/routes/api/v1/api.v1.needs";
import * as need from "~/routes/api/v1/api.v1.needs.$id";
import * as matches from "~/routes/api/v1/api.v1.needs.$id.matches";
import * as applyNeed from "~/routes/api/v1/api.v1.needs.$id.applications";
import * as applications from "~/routes/api/v1/api.v1.applications";
import * as offers from "~/routes/api/v1/api.v1.offers";
import * as offer from "~/routes/api/v1/api.v1.offers.$id";
import * as search from "~/routes/api/v1/api.v1.search";
import * as programmes from "~/routes/api/v1/api.v1.programmes";
import * as programmeRoute from "~/routes/api/v1/api.v1.programmes.$id";
import * as applyProgramme from "~/routes/api/v1/api.v1.programmes.$id.applications";
import * as dashboard from "~/routes/api/v1/api.v1.dashboard";
import * as openApi from "~/routes/api/v1/api.v1.openapi[.]json";
import * as docsPage from "~/routes/api/v1/api.v1.docs";
import * as notFound from "~/routes/api/v1/api.v1.$";
import * as tokensPage from "~/routes/account/account.tokens";
import { apiRequest, expectDocumented, tokenFor } from "../support/api-factories";
import { createBureau, createExpert, createVillage, meta, needFields } from "../support/needs-factories";
import { createOpenProgramme } from "../support/programmes-factories";
import { insertOffer, sessionCookieFor } from "../support/offers-factories";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { rebuildIndexes } from "~/modules/search/indexer.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.8.0.1" };
type Route = { loader?: (args: never) => Promise<Response>; action?: (args: never) => Promise<Response> };

function call(route: Route, request: Request, params: Record<string, string> = {}) {
  const handler = request.method === "GET" ? route.loader! : route.action!;
  return handler({ request, params, context } as never);
}

async function openNeed() {
  const { organisation, head } = await createVillage();
  const { id } = await createNeed({
    actor: head,
    organisationId: organisation.id,
    fields: needFields(),
    photos: [],
    publish: true,
    meta,
  });
  return { id, head };
}

const needBody = {
  intent: "save",
  title: "苹果园滴灌改造方案",
  description: "山地果园三十亩，想改成滴灌并配套水肥一体化，请专家给出方案和预算。",
  industry: "PLANTING",
  countyCode: "410324",
  budgetMax: "30000",
  arrangements: ["PAID_SERVICE"],
};

beforeAll(async () => {
  await rebuildIndexes(getSearchEngine());
});
beforeEach(() => resetRateLimits());

describe("the /api/v1 endpoints, checked against the published OpenAPI document", () => {
  it("lists needs with a cursor, and shows one need and its matches to the poster", async () => {
    const first = await openNeed();
    const second = await openNeed();
    const token = await tokenFor(first.head, ["needs:read"]);

    const pageOne = await call(needs, apiRequest("/api/v1/needs?limit=1", { token }));
    expect(pageOne.status).toBe(200);
    expect(pageOne.headers.get("RateLimit-Policy")).toBe(`${RATE_LIMIT};w=60`);
    const one = await expectDocumented(pageOne, "GET", "/api/v1/needs");
    expect((one.data as { id: string }[]).map((n) => n.id)).toEqual([second.id]);
    const pageTwo = await expectDocumented(
      await call(needs, apiRequest(`/api/v1/needs?limit=1&cursor=${one.nextCursor as string}`, { token })),
      "GET",
      "/api/v1/needs",
    );
    expect((pageTwo.data as { id: string }[])[0]?.id).toBe(first.id);

    const detail = await expectDocumented(
      await call(need, apiRequest(`/api/v1/needs/${first.id}`, { token }), { id: first.id }),
      "GET",
      "/api/v1/needs/{id}",
    );
    expect(detail).toMatchObject({ id: first.id, budgetMaxFen: 2_000_000, applicationCount: 0 });

    const mine = await call(matches, apiRequest(`/api/v1/needs/${first.id}/matches`, { token }), {
      id: first.id,
    });
    expect(mine.status).toBe(200);
    await expectDocumented(mine, "GET", "/api/v1/needs/{id}/matches");
    const other = await call(matches, apiRequest(`/api/v1/needs/${second.id}/matches`, { token }), {
      id: second.id,
    });
    expect(other.status).toBe(403);
    await expectDocumented(other, "GET", "/api/v1/needs/{id}/matches");

    const missing = await call(need, apiRequest("/api/v1/needs/nope", { token }), { id: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    await expectDocumented(missing, "GET", "/api/v1/needs/{id}");
  });

  it("creates a need, replays an Idempotency-Key and refuses the same key with another body", async () => {
    const { head } = await createVillage();
    const token = await tokenFor(head, ["needs:write"]);
    const post = (body: unknown) =>
      call(
        needs,
        apiRequest("/api/v1/needs", {
          token,
          method: "POST",
          body,
          headers: { "idempotency-key": "need-create-0001" },
        }),
      );

    const created = await post(needBody);
    expect(created.status).toBe(201);
    const first = await expectDocumented(created, "POST", "/api/v1/needs");
    const replay = await expectDocumented(await post(needBody), "POST", "/api/v1/needs");
    expect(replay).toEqual(first);
    expect(await db.need.count({ where: { postedById: head.id } })).toBe(1);

    const reused = await post({ ...needBody, title: "另一个完全不同的需求" });
    expect(reused.status).toBe(409);
    await expectDocumented(reused, "POST", "/api/v1/needs");
  });

  it("keeps the record and its Idempotency-Key in one transaction: a failure after the service wrote leaves neither", async () => {
    const { head } = await createVillage();
    const token = await tokenFor(head, ["needs:write"]);
    const key = "need-crash-0001";
    const post = () =>
      call(
        needs,
        apiRequest("/api/v1/needs", {
          token,
          method: "POST",
          body: needBody,
          headers: { "idempotency-key": key },
        }),
      );
    // Stands in for a crash between the service's writes and the key's result: storing the
    // result fails, after createNeed has written the need in the same transaction.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.key = '${key}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER test_fail_key BEFORE UPDATE ON "IdempotencyKey" FOR EACH ROW EXECUTE FUNCTION test_fail_key()`,
    );
    try {
      await expect(post()).rejects.toThrow(/simulated crash/);
      expect(await db.need.count({ where: { postedById: head.id } })).toBe(0);
      expect(await db.idempotencyKey.count({ where: { actorId: head.id } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_fail_key ON "IdempotencyKey"`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_fail_key()`);
    }
    // The client's retry with the same key now creates the need, once.
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    expect(await db.need.count({ where: { postedById: head.id } })).toBe(1);
  });

  it("answers a bad body with 400 and field pointers, in Chinese and in English", async () => {
    const { head } = await createVillage();
    const token = await tokenFor(head, ["needs:write"]);
    const bad = { ...needBody, title: "短", arrangements: [] };
    const zh = await call(needs, apiRequest("/api/v1/needs", { token, method: "POST", body: bad }));
    expect(zh.status).toBe(400);
    const zhBody = await expectDocumented(zh, "POST", "/api/v1/needs");
    const en = await call(
      needs,
      apiRequest("/api/v1/needs", {
        token,
        method: "POST",
        body: bad,
        headers: { "accept-language": "en-GB,en" },
      }),
    );
    const enBody = await expectDocumented(en, "POST", "/api/v1/needs");
    const pointers = (body: Record<string, unknown>) =>
      (body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers(zhBody)).toEqual(["/arrangements", "/title"]);
    expect(pointers(enBody)).toEqual(["/arrangements", "/title"]);
    const titleMessage = (body: Record<string, unknown>) =>
      (body.errors as { pointer: string; message: string }[]).find((e) => e.pointer === "/title")!.message;
    expect(titleMessage(zhBody)).toMatch(/[\u4e00-\u9fff]/);
    expect(titleMessage(enBody)).toMatch(/^[\x20-\x7e]+$/);

    const notJson = await call(
      needs,
      apiRequest("/api/v1/needs", {
        token,
        method: "POST",
        body: "title=x",
        headers: { "content-type": "text/plain" },
      }),
    );
    expect(notJson.status).toBe(400);
    await expectDocumented(notJson, "POST", "/api/v1/needs");
  });

  it("lets an expert apply to a need and list their applications", async () => {
    const { id } = await openNeed();
    const expert = await createExpert();
    const token = await tokenFor(expert, ["applications:write", "applications:read"]);
    const body = {
      approach: "先现场取样检测污染源，再制定消毒流程并培训接种人员，全程跟踪两周。",
      timeline: "两周内完成",
      arrangement: "PAID_SERVICE",
      price: "8000",
    };
    const applied = await call(
      applyNeed,
      apiRequest(`/api/v1/needs/${id}/applications`, { token, method: "POST", body }),
      { id },
    );
    expect(applied.status).toBe(201);
    await expectDocumented(applied, "POST", "/api/v1/needs/{id}/applications");
    const again = await call(
      applyNeed,
      apiRequest(`/api/v1/needs/${id}/applications`, { token, method: "POST", body }),
      { id },
    );
    expect(again.status).toBe(409);
    await expectDocumented(again, "POST", "/api/v1/needs/{id}/applications");

    const list = await expectDocumented(
      await call(applications, apiRequest("/api/v1/applications", { token })),
      "GET",
      "/api/v1/applications",
    );
    expect(list.data).toEqual([
      expect.objectContaining({ priceFen: 800_000, need: expect.objectContaining({ id }) }),
    ]);
  });

  it("lists and shows offers, and searches", async () => {
    const expert = await createExpert();
    const { id: offerId } = await insertOffer({ expertId: expert.id, postedById: expert.id });
    const token = await tokenFor(expert, ["offers:read", "search:read"]);
    const list = await expectDocumented(
      await call(offers, apiRequest("/api/v1/offers", { token })),
      "GET",
      "/api/v1/offers",
    );
    expect((list.data as { id: string }[]).map((o) => o.id)).toContain(offerId);
    const detail = await expectDocumented(
      await call(offer, apiRequest(`/api/v1/offers/${offerId}`, { token }), { id: offerId }),
      "GET",
      "/api/v1/offers/{id}",
    );
    expect(detail.id).toBe(offerId);
    await rebuildIndexes(getSearchEngine());
    const found = await call(search, apiRequest("/api/v1/search?type=offers", { token }));
    expect(found.status).toBe(200);
    const result = await expectDocumented(found, "GET", "/api/v1/search");
    expect(result.type).toBe("offers");
    expect((result.data as { id: string }[]).map((o) => o.id)).toContain(offerId);
  });

  it("lists, shows and applies to programmes", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const token = await tokenFor(head, ["programmes:read", "programmes:write"]);
    const list = await expectDocumented(
      await call(programmes, apiRequest("/api/v1/programmes", { token })),
      "GET",
      "/api/v1/programmes",
    );
    expect((list.data as { id: string }[]).map((p) => p.id)).toContain(programme.id);
    await expectDocumented(
      await call(programmeRoute, apiRequest(`/api/v1/programmes/${programme.id}`, { token }), {
        id: programme.id,
      }),
      "GET",
      "/api/v1/programmes/{id}",
    );
    const body = {
      organisationId: organisation.id,
      title: "香菇菌棒标准化生产",
      summary: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
      countyCode: "410324",
      industry: "PLANTING",
      requested: "400",
    };
    const applied = await call(
      applyProgramme,
      apiRequest(`/api/v1/programmes/${programme.id}/applications`, { token, method: "POST", body }),
      { id: programme.id },
    );
    expect(applied.status).toBe(201);
    await expectDocumented(applied, "POST", "/api/v1/programmes/{id}/applications");
  });

  it("shows the dashboard to the bureau and refuses it to a village with the scope", async () => {
    const bureau = await createBureau();
    const ok = await call(
      dashboard,
      apiRequest("/api/v1/dashboard", { token: await tokenFor(bureau, ["dashboard:read"]) }),
    );
    expect(ok.status).toBe(200);
    await expectDocumented(ok, "GET", "/api/v1/dashboard");
    const { head } = await createVillage();
    const refused = await call(
      dashboard,
      apiRequest("/api/v1/dashboard", { token: await tokenFor(head, ["dashboard:read"]) }),
    );
    expect(refused.status).toBe(403);
    await expectDocumented(refused, "GET", "/api/v1/dashboard");
  });
});

describe("tokens, scopes and rate limits", () => {
  it("refuses a token without the scope with 403 naming the scope", async () => {
    const { head } = await createVillage();
    const response = await call(
      needs,
      apiRequest("/api/v1/needs", {
        token: await tokenFor(head, ["offers:read"]),
        headers: { "accept-language": "en" },
      }),
    );
    expect(response.status).toBe(403);
    const body = await expectDocumented(response, "GET", "/api/v1/needs");
    expect(body.detail).toContain("needs:read");
  });

  it("refuses revoked, expired, unknown and missing tokens with 401 and WWW-Authenticate", async () => {
    const { head } = await createVillage();
    const live = await tokenFor(head, ["needs:read"]);
    const [row] = await listTokens(head.id);
    await revokeToken(head, row!.id);
    expect(await db.auditLog.count({ where: { action: "apiToken.revoked", subjectId: row!.id } })).toBe(1);
    for (const token of [
      live,
      await tokenFor(head, ["needs:read"], { expired: true }),
      "xk_unknown",
      undefined,
    ]) {
      const response = await call(needs, apiRequest("/api/v1/needs", { token }));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await expectDocumented(response, "GET", "/api/v1/needs");
    }
  });

  it("accepts the session cookie with every scope the roles allow", async () => {
    const { head } = await createVillage();
    const response = await call(
      needs,
      apiRequest("/api/v1/needs", { headers: { cookie: await sessionCookieFor(head.id) } }),
    );
    expect(response.status).toBe(200);
    await expectDocumented(response, "GET", "/api/v1/needs");
  });

  it("checks responses for real: a body that breaks the schema fails the check", async () => {
    const wrong = new Response(JSON.stringify({ data: [{ id: 1 }], nextCursor: null }), {
      headers: { "content-type": "application/json" },
    });
    await expect(expectDocumented(wrong, "GET", "/api/v1/needs")).rejects.toThrow();
  });

  it("records use at most once a minute and stores only the hash", async () => {
    const { head } = await createVillage();
    const token = await tokenFor(head, ["needs:read"]);
    await call(needs, apiRequest("/api/v1/needs", { token }));
    const [row] = await db.apiToken.findMany({
      where: { userId: head.id },
      select: { lastUsedAt: true, tokenHash: true, prefix: true },
    });
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.tokenHash).not.toContain(token.slice(3));
    expect(token.startsWith(row!.prefix)).toBe(true);
    await call(needs, apiRequest("/api/v1/needs", { token }));
    const again = await db.apiToken.findFirstOrThrow({
      where: { userId: head.id },
      select: { lastUsedAt: true },
    });
    expect(again.lastUsedAt).toEqual(row!.lastUsedAt);
  });

  it("answers 429 with Retry-After and RateLimit headers past the limit", async () => {
    const { head } = await createVillage();
    const token = await tokenFor(head, ["programmes:read"]);
    // The windows are aligned to the clock's minutes; the clock stands still a second into the
    // next one, so the 121 requests fall into one window however long they take.
    const minute = 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / minute) * minute + minute + 1_000);
    let last: Response | undefined;
    try {
      for (let i = 0; i <= RATE_LIMIT; i++)
        last = await call(programmes, apiRequest("/api/v1/programmes", { token }));
    } finally {
      vi.useRealTimers();
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("ratelimit")).toMatch(/^limit=120, remaining=0, reset=\d+$/);
    await expectDocumented(last!, "GET", "/api/v1/programmes");
  });
});

describe("the token page and the API reference", () => {
  it("creates a token shown once, lists it by prefix, and revokes it", async () => {
    const { head } = await createVillage();
    const cookie = await sessionCookieFor(head.id);
    const form = (fields: [string, string][]) =>
      new Request("http://localhost:3000/account/tokens", {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      });

    const invalid = (await tokensPage.action({
      request: form([
        ["intent", "create"],
        ["name", ""],
      ]),
      context,
      params: {},
    })) as unknown as { init: { status: number } };
    expect(invalid.init.status).toBe(400);

    const created = (await tokensPage.action({
      request: form([
        ["intent", "create"],
        ["name", "小程序"],
        ["scopes", "needs:read"],
        ["scopes", "offers:read"],
        ["expiresInDays", "30"],
      ]),
      context,
      params: {},
    })) as { createdToken: string };
    expect(created.createdToken).toMatch(/^xk_[A-Za-z0-9_-]{43}$/);
    const { tokens } = await tokensPage.loader({
      request: new Request("http://localhost:3000/account/tokens", { headers: { cookie } }),
      context,
      params: {},
    });
    expect(tokens).toEqual([
      expect.objectContaining({
        name: "小程序",
        scopes: ["needs:read", "offers:read"],
        prefix: created.createdToken.slice(0, 9),
      }),
    ]);
    expect(JSON.stringify(tokens)).not.toContain(created.createdToken);

    const revoked = (await tokensPage.action({
      request: form([
        ["intent", "revoke"],
        ["tokenId", tokens[0]!.id],
      ]),
      context,
      params: {},
    })) as Response;
    expect(revoked.status).toBe(302);
    expect((await call(needs, apiRequest("/api/v1/needs", { token: created.createdToken }))).status).toBe(
      401,
    );
  });

  it("publishes every operation in the OpenAPI document and the HTML reference", async () => {
    const document = (await openApi.loader().json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security: unknown[] }>>;
    };
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /api/v1/needs",
        "POST /api/v1/needs",
        "GET /api/v1/needs/{id}",
        "GET /api/v1/needs/{id}/matches",
        "POST /api/v1/needs/{id}/applications",
        "GET /api/v1/applications",
        "GET /api/v1/offers",
        "GET /api/v1/offers/{id}",
        "POST /api/v1/offers",
        "PUT /api/v1/offers/{id}",
        "POST /api/v1/offers/{id}/publish",
        "POST /api/v1/offers/{id}/withdraw",
        "GET /api/v1/services",
        "GET /api/v1/services/{id}",
        "POST /api/v1/services",
        "PUT /api/v1/services/{id}",
        "POST /api/v1/services/{id}/publish",
        "POST /api/v1/services/{id}/withdraw",
        "GET /api/v1/search",
        "GET /api/v1/programmes",
        "GET /api/v1/programmes/{id}",
        "POST /api/v1/programmes/{id}/applications",
        "GET /api/v1/bans",
        "GET /api/v1/villages",
        "GET /api/v1/benefit-linkages",
        "GET /api/v1/commissioners/ventures",
        "GET /api/v1/financing-needs",
        "POST /api/v1/financing-needs/{id}/offers",
        "GET /api/v1/pairings",
        "GET /api/v1/towns",
        "GET /api/v1/brands",
        "GET /api/v1/dashboard",
        "GET /api/v1/conversations",
        "GET /api/v1/conversations/{id}/messages",
        "POST /api/v1/conversations/{id}/messages",
        "GET /api/v1/agreements",
        "GET /api/v1/agreements/{id}",
        "POST /api/v1/milestones/{id}/fund",
        "POST /api/v1/milestones/{id}/submit",
        "POST /api/v1/milestones/{id}/accept",
        "POST /api/v1/milestones/{id}/reject",
        "POST /api/v1/milestones/{id}/dispute",
        "POST /api/v1/milestones/{id}/resolve",
        "GET /api/v1/disputes",
        "GET /api/v1/wallets",
        "GET /api/v1/wallets/{accountId}/statement",
      ].sort(),
    );
    expect(document.paths["/api/v1/dashboard"]!.get!.security).toEqual([
      { bearer: ["dashboard:read"] },
      { cookie: [] },
    ]);
    const reference = await docsPage.loader({
      request: new Request("http://localhost:3000/api/v1/docs", { headers: { "accept-language": "en" } }),
      context,
      params: {},
    });
    expect(reference.locale).toBe("en");
    expect(
      reference.operations.find(
        (operation) => operation.path === "/api/v1/needs" && operation.method === "POST",
      )?.request,
    ).toContain('"title"');
  });

  it("answers unknown API paths with a 404 problem", async () => {
    const response = await notFound.loader({ request: apiRequest("/api/v1/nothing"), context, params: {} });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
