import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import { apiReference } from "~/modules/api/openapi.server";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import { deliverDue, verifySignature } from "~/modules/webhooks/delivery.server";
import { WEBHOOK_EVENTS } from "~/modules/webhooks/events";
import { registerEndpoint } from "~/modules/webhooks/webhooks.server";
import { translate } from "~/i18n/i18n";
import * as needs from "~/routes/api/v1/api.v1.needs";
import * as openApi from "~/routes/api/v1/api.v1.openapi[.]json";
import * as docsPage from "~/routes/api/v1/api.v1.docs";
import { apiRequest, tokenFor } from "../support/api-factories";
import { useTestDatabase } from "../support/database";
import { createVillage, meta } from "../support/needs-factories";

useTestDatabase();
beforeEach(() => resetRateLimits());

type Operation = {
  summary: string;
  "x-summary-en": string;
  description: string;
  "x-description-en": string;
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { description: string; "x-description-en": string }>;
};
type Document = {
  info: { description: string; "x-description-en": string };
  tags: { name: string; description: string; "x-description-en": string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
};

const loadDocument = async () => (await openApi.loader().json()) as Document;
const CHINESE = /[\u4e00-\u9fff]/;

/** Every `event: "…"` an `enqueueEvent(` call in the app's source names: what the code can send. */
function eventsTheCodeSends(): string[] {
  const app = path.resolve(process.cwd(), "app");
  const files = readdirSync(app, { recursive: true, encoding: "utf8" }).filter(
    (file) => /\.server\.ts$/.test(file) && !file.includes("webhooks.server"),
  );
  const events = new Set<string>();
  for (const file of files) {
    const text = readFileSync(path.join(app, file), "utf8");
    for (const call of text.split("enqueueEvent(").slice(1)) {
      const named = /event: "([\w.]+)"/.exec(call.slice(0, 400));
      if (named) events.add(named[1]!);
    }
  }
  return [...events].sort();
}

describe("the webhooks object of the OpenAPI document", () => {
  it("declares every event the code can send, and nothing else", async () => {
    const document = await loadDocument();
    const sent = eventsTheCodeSends();
    // The scan found the services' calls (a broken scan would find none and prove nothing).
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    for (const event of sent) expect(Object.keys(document.webhooks)).toContain(event);
  });

  it("documents each event's body, the signature header, and both languages", async () => {
    const document = await loadDocument();
    for (const [event, { post }] of Object.entries(document.webhooks)) {
      const signature = post.parameters.find((parameter) => parameter.name === "XiangKe-Signature");
      expect(signature, event).toMatchObject({ in: "header", required: true });
      expect(post.parameters.map((parameter) => parameter.name).sort()).toEqual([
        "XiangKe-Delivery",
        "XiangKe-Event",
        "XiangKe-Signature",
      ]);
      const body = post.requestBody!.content["application/json"]!.schema as {
        properties: { event: { const: string }; data: { required: string[] } };
      };
      expect(body.properties.event.const).toBe(event);
      expect(body.properties.data.required).toContain("occurredAt");
      expect(post.summary).toMatch(CHINESE);
      expect(post["x-summary-en"]).not.toMatch(CHINESE);
      expect(post.responses["2XX"]).toBeDefined();
    }
  });

  it("matches what a receiver really gets: body, headers and signature", async () => {
    const village = await createVillage();
    const { secret } = await registerEndpoint(
      village.head,
      village.organisation.id,
      { url: "http://localhost:9/hook", events: ["need.published"] },
      meta,
    );
    const token = await tokenFor(village.head, ["needs:write"]);
    const created = await needs.action({
      request: apiRequest("/api/v1/needs", {
        token,
        method: "POST",
        body: {
          intent: "publish",
          organisationId: village.organisation.id,
          title: "苹果园滴灌改造方案",
          description: "山地果园三十亩，想改成滴灌并配套水肥一体化，请专家给出方案和预算。",
          industry: "PLANTING",
          countyCode: "410324",
          arrangements: ["PAID_SERVICE"],
        },
      }),
      params: {},
      context: { cspNonce: "test", clientIp: "10.21.1.1" },
    } as never);
    expect(created.status).toBe(201);

    const sent: { headers: Headers; body: string }[] = [];
    const receiver = (async (_url: string, init: RequestInit) => {
      sent.push({ headers: new Headers(init.headers), body: String(init.body) });
      return new Response("ok");
    }) as typeof fetch;
    expect((await deliverDue(new Date(Date.now() + 1000), receiver)).delivered).toBe(1);

    const { post } = (await loadDocument()).webhooks["need.published"]!;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validBody = ajv.compile(post.requestBody!.content["application/json"]!.schema);
    const [delivery] = sent;
    expect(validBody(JSON.parse(delivery!.body)) ? [] : validBody.errors).toEqual([]);
    for (const parameter of post.parameters) {
      const value = delivery!.headers.get(parameter.name);
      const validHeader = ajv.compile(parameter.schema);
      expect(validHeader(value), `${parameter.name}: ${value}`).toBe(true);
    }
    expect(verifySignature(secret, delivery!.headers.get("XiangKe-Signature"), delivery!.body)).toBe(true);
  });

  it("refuses a body the schema does not promise (the check can fail)", async () => {
    const { post } = (await loadDocument()).webhooks["milestone.released"]!;
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const valid = ajv.compile(post.requestBody!.content["application/json"]!.schema);
    const body = {
      id: "d1",
      event: "milestone.released",
      occurredAt: new Date().toISOString(),
      data: { milestoneId: "m", agreementId: "a", title: "t", amountFen: 1.5, status: "RELEASED" },
    };
    expect(valid(body)).toBe(false);
    expect(valid({ ...body, data: { ...body.data, amountFen: 150, occurredAt: body.occurredAt } })).toBe(
      true,
    );
    expect(valid({ ...body, event: "need.published" })).toBe(false);
  });
});

describe("the document and the reference page in Chinese and English", () => {
  it("gives every operation a Chinese summary and description with their English beside them", async () => {
    const document = await loadDocument();
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations.length).toBeGreaterThanOrEqual(36);
    for (const operation of [...operations, ...Object.values(document.webhooks).map((hook) => hook.post)]) {
      expect(operation.summary).toMatch(CHINESE);
      expect(operation.description).toMatch(CHINESE);
      expect(operation["x-summary-en"]).not.toMatch(CHINESE);
      expect(operation["x-description-en"]).not.toMatch(CHINESE);
      expect(operation["x-summary-en"].length).toBeGreaterThan(3);
      for (const response of Object.values(operation.responses)) {
        expect(response.description).toMatch(CHINESE);
        expect(response["x-description-en"]).not.toMatch(CHINESE);
      }
    }
    for (const tag of document.tags) expect(tag["x-description-en"]).not.toMatch(CHINESE);
    const ids = [
      ...operations.map((operation) => (operation as { operationId?: string }).operationId),
      ...Object.values(document.webhooks).map((hook) => (hook.post as { operationId?: string }).operationId),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // A message key that did not translate would show up as itself.
    expect(JSON.stringify(document)).not.toMatch(/"api\.(op|tag|doc)\./);
  });

  it("serves the reference page's texts as keys both catalogues translate", async () => {
    const context = { cspNonce: "test", clientIp: "10.21.1.2" };
    const zh = await docsPage.loader({
      request: new Request("http://localhost:3000/api/v1/docs"),
      context,
      params: {},
    });
    const en = await docsPage.loader({
      request: new Request("http://localhost:3000/api/v1/docs", { headers: { "accept-language": "en" } }),
      context,
      params: {},
    });
    expect([zh.locale, en.locale]).toEqual(["zh", "en"]);
    expect(zh.webhooks.map((hook) => hook.event).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    const keys = apiReference().flatMap((operation) => [
      operation.summary,
      operation.tagLabel,
      ...(operation.detail ? [operation.detail] : []),
    ]);
    for (const key of [...keys, ...zh.webhooks.map((hook) => hook.label)]) {
      expect(translate("zh", key), key).toMatch(CHINESE);
      expect(translate("en", key), key).not.toMatch(CHINESE);
      expect(translate("en", key)).not.toBe(key);
    }
    const create = zh.operations.find((operation) => operation.id === "postOffers")!;
    expect(create).toMatchObject({
      scope: "offers:write",
      permission: "offer.post",
      idempotency: "optional",
    });
    expect(create.request).toContain('"countiesServed"');
  });
});
