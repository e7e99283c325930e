import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import type { Scope } from "~/modules/api/scopes";
import type { Actor } from "~/modules/users/permissions";
import * as offers from "~/routes/api/v1/api.v1.offers";
import * as offer from "~/routes/api/v1/api.v1.offers.$id";
import * as publishOffer from "~/routes/api/v1/api.v1.offers.$id.publish";
import * as withdrawOffer from "~/routes/api/v1/api.v1.offers.$id.withdraw";
import * as services from "~/routes/api/v1/api.v1.services";
import * as service from "~/routes/api/v1/api.v1.services.$id";
import * as publishService from "~/routes/api/v1/api.v1.services.$id.publish";
import * as withdrawService from "~/routes/api/v1/api.v1.services.$id.withdraw";
import { apiRequest, expectDocumented, tokenFor } from "../support/api-factories";
import { useTestDatabase } from "../support/database";
import { createVillage } from "../support/needs-factories";
import { createExpert, createInstitutionMember } from "../support/offers-factories";
import { addSpaceAccount, createSpace } from "../support/spaces-factories";

useTestDatabase();
beforeEach(() => resetRateLimits());

const context = { cspNonce: "test", clientIp: "10.21.0.1" };
type Route = { loader?: (args: never) => Promise<Response>; action?: (args: never) => Promise<Response> };
type Call = { token?: string; body?: unknown; key?: string; language?: string };

/** Calls a route as the router would: GET to the loader, any other method to the action. */
function call(route: Route, method: string, path: string, { token, body, key, language }: Call = {}) {
  const headers: Record<string, string> = {};
  if (key) headers["idempotency-key"] = key;
  if (language) headers["accept-language"] = language;
  const request = apiRequest(path, { token, method, body, headers });
  const id = /^\/api\/v1\/\w+\/([^/]+)/.exec(path)?.[1];
  const handler = method === "GET" ? route.loader! : route.action!;
  return handler({ request, params: id ? { id } : {}, context } as never);
}

/** Answers the call and checks the answer against the published document; returns status and body. */
async function documented(route: Route, method: string, path: string, options: Call = {}) {
  const response = await call(route, method, path, options);
  const template = path.replace(/^(\/api\/v1\/\w+)\/[^/]+/, "$1/{id}");
  return { status: response.status, body: await expectDocumented(response, method, template) };
}

const offerBody = {
  intent: "save",
  kind: "TECHNOLOGY",
  title: "香菇菌棒污染防治技术",
  description: "针对栾川县香菇菌棒绿霉污染问题，提供全程防治方案和现场指导。",
  industry: "PLANTING",
  countiesServed: ["410324", "410325"],
  arrangements: ["PAID_SERVICE", "TECH_CONTRACT"],
  priceMin: "800",
  priceMax: "3000.50",
};

const serviceBody = {
  intent: "save",
  category: "QUALITY_TESTING",
  title: "食用菌农残与重金属检测",
  description: "为香菇、木耳等食用菌提供农药残留和重金属检测，出具可用于商超上架的检测报告。",
  industries: ["PLANTING"],
  countiesServed: ["410325"],
  free: false,
  priceMin: "300",
  priceMax: "1200",
  turnaroundDays: 7,
};

const writer = (actor: Actor, scopes: Scope[] = ["offers:read", "offers:write"]) => tokenFor(actor, scopes);

describe("offers over the API, by the rules of the offer pages", () => {
  it("creates a draft, replaces its content, publishes, withdraws and publishes it again", async () => {
    const expert = await createExpert();
    const token = await writer(expert);
    const created = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody });
    expect(created).toMatchObject({ status: 201, body: { status: "DRAFT" } });
    const id = created.body.id as string;
    const path = `/api/v1/offers/${id}`;

    const draft = await documented(offer, "GET", path, { token });
    expect(draft.body).toMatchObject({
      status: "DRAFT",
      priceMinFen: 80_000,
      priceMaxFen: 300_050,
      expert: { id: expert.id },
      organisation: null,
    });

    const edited = await documented(offer, "PUT", path, {
      token,
      body: { ...offerBody, title: "香菇菌棒绿霉防治", priceMin: "", priceMax: "" },
    });
    expect(edited).toEqual({ status: 200, body: { id, status: "DRAFT" } });
    expect((await documented(offer, "GET", path, { token })).body).toMatchObject({
      title: "香菇菌棒绿霉防治",
      priceMinFen: null,
    });

    expect((await documented(publishOffer, "POST", `${path}/publish`, { token })).body).toEqual({
      id,
      status: "PUBLISHED",
    });
    expect((await documented(withdrawOffer, "POST", `${path}/withdraw`, { token })).body.status).toBe(
      "WITHDRAWN",
    );
    // Saving with intent "publish" puts a withdrawn offer live again, as the edit form does.
    const republished = await documented(offer, "PUT", path, {
      token,
      body: { ...offerBody, intent: "publish" },
    });
    expect(republished.body.status).toBe("PUBLISHED");

    // The same service functions as the pages: the same audit trail, the same search outbox.
    const actions = await db.auditLog.findMany({
      where: { subjectId: id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "offer.created",
      "offer.updated",
      "offer.published",
      "offer.withdrawn",
      "offer.updated",
      "offer.published",
    ]);
  });

  it("refuses a move the state table does not allow with a translated 409", async () => {
    const expert = await createExpert();
    const token = await writer(expert);
    const { body } = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody });
    const path = `/api/v1/offers/${body.id as string}/withdraw`;
    const zh = await documented(withdrawOffer, "POST", path, { token });
    expect(zh).toMatchObject({ status: 409, body: { code: "offer.invalid_transition" } });
    expect(zh.body.title).toMatch(/[\u4e00-\u9fff]/);
    const en = await documented(withdrawOffer, "POST", path, { token, language: "en" });
    expect(en.body.title).toMatch(/^[\x20-\x7e]+$/);
  });

  it("posts for an institution only by its members, and lets no one else change the offer", async () => {
    const { actor: member, organisation } = await createInstitutionMember();
    const { actor: stranger, organisation: otherInstitution } = await createInstitutionMember();
    const memberToken = await writer(member);
    const created = await documented(offers, "POST", "/api/v1/offers", {
      token: memberToken,
      body: { ...offerBody, intent: "publish", organisationId: organisation.id },
    });
    expect(created.body.status).toBe("PUBLISHED");
    const id = created.body.id as string;

    const strangerToken = await writer(stranger);
    const notMember = await documented(offers, "POST", "/api/v1/offers", {
      token: strangerToken,
      body: { ...offerBody, organisationId: organisation.id },
    });
    expect(notMember).toMatchObject({ status: 403, body: { code: "offer.not_institution_member" } });
    expect(notMember.body.errors).toEqual([expect.objectContaining({ pointer: "/organisationId" })]);

    const otherExpert = await writer(await createExpert());
    for (const token of [strangerToken, otherExpert]) {
      const put = await documented(offer, "PUT", `/api/v1/offers/${id}`, { token, body: offerBody });
      expect(put).toMatchObject({ status: 403, body: { code: "offer.forbidden" } });
      const withdrawn = await documented(withdrawOffer, "POST", `/api/v1/offers/${id}/withdraw`, { token });
      expect(withdrawn).toMatchObject({ status: 403, body: { code: "offer.forbidden" } });
    }
    // Moving the offer to another institution is not an edit: the provider stays.
    await documented(offer, "PUT", `/api/v1/offers/${id}`, {
      token: memberToken,
      body: { ...offerBody, organisationId: otherInstitution.id },
    });
    expect(await db.offer.findUniqueOrThrow({ where: { id }, select: { organisationId: true } })).toEqual({
      organisationId: organisation.id,
    });
    const row = await db.offer.findUniqueOrThrow({ where: { id }, select: { title: true, status: true } });
    expect(row).toEqual({ title: offerBody.title, status: "PUBLISHED" });
  });

  it("hides another provider's draft: reading it is 404", async () => {
    const owner = await writer(await createExpert());
    const { body } = await documented(offers, "POST", "/api/v1/offers", { token: owner, body: offerBody });
    const other = await tokenFor(await createExpert(), ["offers:read"]);
    const read = await documented(offer, "GET", `/api/v1/offers/${body.id as string}`, { token: other });
    expect(read).toMatchObject({ status: 404, body: { code: "offer.not_found" } });
  });

  it("keeps the pages' conditions: a village may not post, an unverified expert may not publish", async () => {
    const { head } = await createVillage();
    const village = await documented(offers, "POST", "/api/v1/offers", {
      token: await writer(head),
      body: offerBody,
    });
    expect(village.status).toBe(403);

    const unverifiedExpert = await createExpert({ verified: false });
    const publish = await documented(offers, "POST", "/api/v1/offers", {
      token: await writer(unverifiedExpert),
      body: { ...offerBody, intent: "publish" },
      language: "en",
    });
    expect(publish).toMatchObject({ status: 409, body: { code: "offer.expert_not_verified" } });
    // Created and published in one transaction: the refusal leaves nothing behind.
    expect(await db.offer.count({ where: { postedById: unverifiedExpert.id } })).toBe(0);
  });

  it("answers a bad body with 400, a pointer per field and messages in the caller's language", async () => {
    const expert = await createExpert();
    const token = await writer(expert);
    const bad = { ...offerBody, title: "短", countiesServed: [], priceMin: "500", priceMax: "20" };
    const pointers = (body: Record<string, unknown>) =>
      (body.errors as { pointer: string }[]).map((error) => error.pointer).sort();
    const messages = (body: Record<string, unknown>) =>
      (body.errors as { message: string }[]).map((error) => error.message);
    const zh = await documented(offers, "POST", "/api/v1/offers", { token, body: bad });
    expect(zh.status).toBe(400);
    expect(pointers(zh.body)).toEqual(["/countiesServed", "/priceMax", "/title"]);
    for (const message of messages(zh.body)) expect(message).toMatch(/[\u4e00-\u9fff]/);
    const en = await documented(offers, "POST", "/api/v1/offers", { token, body: bad, language: "en-US,en" });
    expect(pointers(en.body)).toEqual(["/countiesServed", "/priceMax", "/title"]);
    for (const message of messages(en.body)) expect(message).toMatch(/^[\x20-\x7e\u2013\u2014\u2019]+$/);
    expect(await db.offer.count({ where: { postedById: expert.id } })).toBe(0);
  });

  it("refuses a token without the write scope, naming the scope", async () => {
    const expert = await createExpert();
    const readOnly = await tokenFor(expert, ["offers:read", "services:write"]);
    const refused = await documented(offers, "POST", "/api/v1/offers", {
      token: readOnly,
      body: offerBody,
      language: "en",
    });
    expect(refused).toMatchObject({ status: 403, body: { code: "api.scope_missing" } });
    expect(refused.body.detail).toContain("offers:write");
    const anonymous = await documented(offers, "POST", "/api/v1/offers", { body: offerBody });
    expect(anonymous.status).toBe(401);
  });

  it("answers a POST on an offer with 405 naming PUT, and a GET on publish with 405", async () => {
    const token = await writer(await createExpert());
    const { body } = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody });
    const wrong = await call(offer, "POST", `/api/v1/offers/${body.id as string}`, {
      token,
      body: offerBody,
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, PUT");
    const get = await call(publishOffer, "GET", `/api/v1/offers/${body.id as string}/publish`, { token });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});

describe("Idempotency-Key on the listing writes", () => {
  it("replays a create with the same key and refuses the key with another body", async () => {
    const expert = await createExpert();
    const token = await writer(expert);
    const key = "offer-create-0001";
    const first = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody, key });
    const replay = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody, key });
    expect(replay).toEqual(first);
    expect(await db.offer.count({ where: { postedById: expert.id } })).toBe(1);
    const reused = await documented(offers, "POST", "/api/v1/offers", {
      token,
      body: { ...offerBody, title: "另一项完全不同的技术" },
      key,
    });
    expect(reused).toMatchObject({ status: 409, body: { code: "idempotency.key_reused" } });
  });

  it("replays a publish with its key, where a second publish without one is refused", async () => {
    const token = await writer(await createExpert());
    const { body } = await documented(offers, "POST", "/api/v1/offers", { token, body: offerBody });
    const path = `/api/v1/offers/${body.id as string}/publish`;
    const first = await documented(publishOffer, "POST", path, { token, key: "offer-publish-01" });
    expect(first).toEqual({ status: 200, body: { id: body.id, status: "PUBLISHED" } });
    expect(await documented(publishOffer, "POST", path, { token, key: "offer-publish-01" })).toEqual(first);
    expect((await documented(publishOffer, "POST", path, { token })).status).toBe(409);
    expect(
      await db.auditLog.count({ where: { subjectId: body.id as string, action: "offer.published" } }),
    ).toBe(1);
  });

  it("commits a withdrawal and its key together: a failure storing the key leaves the offer live", async () => {
    const token = await writer(await createExpert());
    const { body } = await documented(offers, "POST", "/api/v1/offers", {
      token,
      body: { ...offerBody, intent: "publish" },
    });
    const id = body.id as string;
    const key = "offer-withdraw-crash";
    // Stands in for a crash after the service's writes: storing the key's result fails.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_listing_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.key = '${key}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER test_fail_listing_key BEFORE UPDATE ON "IdempotencyKey" FOR EACH ROW EXECUTE FUNCTION test_fail_listing_key()`,
    );
    try {
      await expect(
        call(withdrawOffer, "POST", `/api/v1/offers/${id}/withdraw`, { token, key }),
      ).rejects.toThrow(/simulated crash/);
      expect(await db.offer.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({
        status: "PUBLISHED",
      });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_fail_listing_key ON "IdempotencyKey"`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_fail_listing_key()`);
    }
    const retried = await documented(withdrawOffer, "POST", `/api/v1/offers/${id}/withdraw`, { token, key });
    expect(retried.body.status).toBe("WITHDRAWN");
  });
});

describe("Star Innovation Space services over the API, by the rules of the space's pages", () => {
  const spaceToken = (actor: Actor) => tokenFor(actor, ["services:read", "services:write"]);

  it("lets the space's accounts create, edit, publish and withdraw its service", async () => {
    const { organisation, actor } = await createSpace();
    const token = await spaceToken(actor);
    const created = await documented(services, "POST", "/api/v1/services", {
      token,
      body: serviceBody,
      key: "service-create-01",
    });
    expect(created).toMatchObject({ status: 201, body: { status: "DRAFT" } });
    const id = created.body.id as string;
    const path = `/api/v1/services/${id}`;
    expect((await documented(service, "GET", path, { token })).body).toMatchObject({
      status: "DRAFT",
      priceMinFen: 30_000,
      turnaroundDays: 7,
      organisation: { id: organisation.id },
    });

    // Another account of the same space manages it too; a free service keeps no price.
    const colleague = await spaceToken(await addSpaceAccount(organisation.id));
    const free = await documented(service, "PUT", path, {
      token: colleague,
      body: { ...serviceBody, free: true, priceMin: "not a price" },
    });
    expect(free.body).toEqual({ id, status: "DRAFT" });
    expect((await documented(service, "GET", path, { token })).body).toMatchObject({
      free: true,
      priceMinFen: null,
      priceMaxFen: null,
    });

    expect((await documented(publishService, "POST", `${path}/publish`, { token })).body.status).toBe(
      "PUBLISHED",
    );
    const anyone = await tokenFor(await createExpert(), ["services:read"]);
    expect((await documented(service, "GET", path, { token: anyone })).status).toBe(200);
    expect((await documented(withdrawService, "POST", `${path}/withdraw`, { token })).body.status).toBe(
      "WITHDRAWN",
    );
    expect((await documented(service, "GET", path, { token: anyone })).status).toBe(404);
    expect(
      (await db.auditLog.findMany({ where: { subjectId: id }, select: { action: true } })).map(
        (r) => r.action,
      ),
    ).toEqual(["service.created", "service.updated", "service.published", "service.withdrawn"]);
  });

  it("refuses another space's account and anyone without the role", async () => {
    const own = await createSpace();
    const other = await createSpace();
    const token = await spaceToken(own.actor);
    const { body } = await documented(services, "POST", "/api/v1/services", {
      token,
      body: { ...serviceBody, intent: "publish" },
    });
    const id = body.id as string;
    const otherToken = await spaceToken(other.actor);
    const put = await documented(service, "PUT", `/api/v1/services/${id}`, {
      token: otherToken,
      body: serviceBody,
    });
    expect(put).toMatchObject({ status: 403, body: { code: "service.forbidden" } });
    const withdraw = await documented(withdrawService, "POST", `/api/v1/services/${id}/withdraw`, {
      token: otherToken,
    });
    expect(withdraw).toMatchObject({ status: 403, body: { code: "service.forbidden" } });
    const forOther = await documented(services, "POST", "/api/v1/services", {
      token,
      body: { ...serviceBody, organisationId: other.organisation.id },
    });
    expect(forOther).toMatchObject({ status: 403, body: { code: "service.not_space_member" } });
    const expert = await documented(services, "POST", "/api/v1/services", {
      token: await spaceToken(await createExpert()),
      body: serviceBody,
    });
    expect(expert.status).toBe(403);
    expect(await db.spaceService.count({ where: { organisationId: other.organisation.id } })).toBe(0);
  });

  it("keeps an unverified space's service a draft and says why, in English when asked", async () => {
    const { actor } = await createSpace({ verified: false });
    const refused = await documented(services, "POST", "/api/v1/services", {
      token: await spaceToken(actor),
      body: { ...serviceBody, intent: "publish" },
      language: "en",
    });
    expect(refused).toMatchObject({ status: 409, body: { code: "service.space_not_verified" } });
    expect(refused.body.title).toMatch(/^[\x20-\x7e]+$/);
  });

  it("answers bad fields with 400 and translated messages, and a missing scope with 403", async () => {
    const { actor } = await createSpace();
    const bad = { ...serviceBody, category: "MAGIC", turnaroundDays: 0, priceMin: "abc" };
    const zh = await documented(services, "POST", "/api/v1/services", {
      token: await spaceToken(actor),
      body: bad,
    });
    expect(zh.status).toBe(400);
    const errors = zh.body.errors as { pointer: string; message: string }[];
    expect(errors.map((error) => error.pointer).sort()).toEqual([
      "/category",
      "/priceMin",
      "/turnaroundDays",
    ]);
    for (const { message } of errors) expect(message).toMatch(/[\u4e00-\u9fff]/);
    const scopeless = await documented(services, "POST", "/api/v1/services", {
      token: await tokenFor(actor, ["offers:write", "services:read"]),
      body: serviceBody,
    });
    expect(scopeless).toMatchObject({ status: 403, body: { code: "api.scope_missing" } });
  });
});

describe("the published services list over the API", () => {
  async function publishedService(token: string, body: Record<string, unknown>) {
    const { body: created } = await documented(services, "POST", "/api/v1/services", {
      token,
      body: { ...serviceBody, ...body },
    });
    const id = created.id as string;
    await documented(publishService, "POST", `/api/v1/services/${id}/publish`, { token });
    return id;
  }
  async function list(token: string, query: string) {
    const response = await call(services, "GET", `/api/v1/services?${query}`, { token });
    return { status: response.status, body: await expectDocumented(response, "GET", "/api/v1/services") };
  }

  it("lists published services newest first, with the search page's filters, page by page", async () => {
    const first = await createSpace();
    const second = await createSpace();
    const writer = await tokenFor(first.actor, ["services:read", "services:write"]);
    const otherWriter = await tokenFor(second.actor, ["services:read", "services:write"]);
    const testing = await publishedService(writer, {});
    const training = await publishedService(writer, {
      category: "TRAINING_MENTORING",
      title: "食用菌栽培技术培训",
      countiesServed: ["410324"],
      industries: [],
      free: true,
      priceMin: "",
      priceMax: "",
    });
    const other = await publishedService(otherWriter, {
      title: "农产品电商运营辅导",
      countiesServed: ["410327"],
    });
    await documented(services, "POST", "/api/v1/services", {
      token: writer,
      body: { ...serviceBody, title: "草稿" },
    });
    const gone = await publishedService(writer, { title: "已撤下的服务" });
    await documented(withdrawService, "POST", `/api/v1/services/${gone}/withdraw`, { token: writer });

    const reader = await tokenFor(await createExpert(), ["services:read"]);
    // Services other tests in this file published stay live: look at this test's own.
    const ours = new Set<string>();
    const ids = async (query: string) =>
      ((await list(reader, query)).body.data as { id: string }[])
        .map((s) => s.id)
        .filter((id) => ours.has(id));
    for (const id of [testing, training, other, gone]) ours.add(id);
    expect(await ids("")).toEqual([other, training, testing]);
    expect(await ids("county=410325")).toEqual([testing]);
    expect(await ids("category=TRAINING_MENTORING")).toEqual([training]);
    expect(await ids("free=1")).toEqual([training]);
    // A service with no industries suits any industry.
    expect(await ids("industry=PLANTING")).toEqual([other, training, testing]);
    expect(await ids(`space=${second.organisation.id}`)).toEqual([other]);
    expect(await ids("verified=1")).toEqual([other, training, testing]);
    expect(await ids("q=电商")).toEqual([other]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Record<string, unknown> } = await list(
        reader,
        `limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...(page.body.data as { id: string }[]).map((s) => s.id).filter((id) => ours.has(id)));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([other, training, testing]);

    const bad = await list(reader, "county=999999&limit=500");
    expect(bad.status).toBe(400);
    const scopeless = await list(await tokenFor(first.actor, ["offers:read"]), "");
    expect(scopeless).toMatchObject({ status: 403, body: { code: "api.scope_missing" } });
  });
});
