import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import { SCOPES } from "~/modules/api/scopes";
import * as needs from "~/routes/api/v1/api.v1.needs";
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
import { createExpert, createInstitutionMember, insertOffer } from "../support/offers-factories";
import { createSpace, insertService } from "../support/spaces-factories";

/*
 * Generated requests against the listing writes: whatever the body, the headers or the caller,
 * the answer is below 500 and is one the OpenAPI document describes. The seed is fixed so a
 * failure replays; FUZZ_RUNS raises the number of cases.
 */

useTestDatabase();
beforeEach(() => resetRateLimits());

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
type Route = { action?: (args: never) => Promise<Response> };

const FIELDS = [
  "intent",
  "kind",
  "title",
  "description",
  "industry",
  "countiesServed",
  "arrangements",
  "priceMin",
  "priceMax",
  "organisationId",
  "category",
  "industries",
  "free",
  "turnaroundDays",
];
const WORDS = [
  "save",
  "publish",
  "TECHNOLOGY",
  "QUALITY_TESTING",
  "PLANTING",
  "410324",
  "PAID_SERVICE",
  "1e309",
  "-5",
  "0.001",
  "９９",
  "香菇菌棒污染防治技术与现场指导服务",
  "\u0000",
  "\ud800",
  "x".repeat(5000),
];
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const OFFER = {
  kind: "TECHNOLOGY",
  title: "香菇菌棒污染防治技术",
  description: "针对栾川县香菇菌棒绿霉污染问题，提供全程防治方案和现场指导。",
  industry: "PLANTING",
  countiesServed: ["410324"],
  arrangements: ["PAID_SERVICE"],
};
const SERVICE = {
  category: "QUALITY_TESTING",
  title: "食用菌农残与重金属检测",
  description: "为香菇、木耳等食用菌提供农药残留和重金属检测，出具可用于商超上架的检测报告。",
  countiesServed: ["410325"],
};

/** Junk of every shape, and a valid form with one or two fields changed, so the rules are reached too. */
function bodyFor(valid: Record<string, unknown>) {
  const changed = fc
    .array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 2 })
    .map((changes) => ({ ...valid, ...Object.fromEntries(changes) }));
  return fc.oneof(
    changed,
    fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length }),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant("not json"),
  );
}

let world: { tokens: string[]; offerIds: string[]; serviceIds: string[] };

beforeAll(async () => {
  const expert = await createExpert();
  const { actor: member, organisation } = await createInstitutionMember();
  const space = await createSpace();
  const { head } = await createVillage();
  const tokens = await Promise.all(
    [expert, member, space.actor, head].map((actor) => tokenFor(actor, [...SCOPES])),
  );
  const offerIds = [
    (await insertOffer({ expertId: expert.id, postedById: expert.id })).id,
    (await insertOffer({ organisationId: organisation.id, postedById: member.id }, { status: "DRAFT" })).id,
  ];
  const serviceIds = [
    (await insertService({ organisationId: space.organisation.id, postedById: space.actor.id })).id,
  ];
  world = { tokens, offerIds, serviceIds };
});

const targets: { route: Route; method: string; template: string; kind: "offer" | "service" | null }[] = [
  { route: offers, method: "POST", template: "/api/v1/offers", kind: null },
  { route: offer, method: "PUT", template: "/api/v1/offers/{id}", kind: "offer" },
  { route: publishOffer, method: "POST", template: "/api/v1/offers/{id}/publish", kind: "offer" },
  { route: withdrawOffer, method: "POST", template: "/api/v1/offers/{id}/withdraw", kind: "offer" },
  { route: services, method: "POST", template: "/api/v1/services", kind: null },
  { route: service, method: "PUT", template: "/api/v1/services/{id}", kind: "service" },
  { route: publishService, method: "POST", template: "/api/v1/services/{id}/publish", kind: "service" },
  { route: withdrawService, method: "POST", template: "/api/v1/services/{id}/withdraw", kind: "service" },
];

describe("fuzzing the listing writes of the API", () => {
  it.each(targets.map((target) => [`${target.method} ${target.template}`, target] as const))(
    "%s answers generated requests below 500, as documented",
    async (_name, target) => {
      const ids =
        target.kind === "offer" ? world.offerIds : target.kind === "service" ? world.serviceIds : [];
      const id = fc.oneof(fc.constantFrom(...(ids.length ? ids : ["none"])), fc.string({ maxLength: 70 }));
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            token: fc.option(fc.constantFrom(...world.tokens), { nil: undefined }),
            id,
            body: bodyFor(target.template.includes("services") ? SERVICE : OFFER),
            key: fc.option(fc.string({ minLength: 0, maxLength: 120 }), { nil: undefined }),
            json: fc.boolean(),
          }),
          async (input) => {
            const headers: Record<string, string> = {};
            if (input.key !== undefined) headers["idempotency-key"] = input.key;
            if (!input.json) headers["content-type"] = "text/plain";
            const url = target.template.replace("{id}", encodeURIComponent(input.id));
            const request = apiRequest(url, {
              token: input.token,
              method: target.method,
              body: typeof input.body === "string" ? input.body : JSON.stringify(input.body),
              headers,
            });
            const response = await target.route.action!({
              request,
              params: target.kind ? { id: input.id } : {},
              context: { cspNonce: "test", clientIp: "10.21.9.9" },
            } as never);
            statuses.add(response.status);
            expect(response.status).toBeLessThan(500);
            await expectDocumented(response, target.method, target.template);
            resetRateLimits();
          },
        ),
        { seed: 21, numRuns: RUNS },
      );
      // The generated requests reach past the gate: refusals by the rules as well as bad input.
      expect([...statuses].some((status) => status === 400 || status === 401)).toBe(true);
      expect([...statuses].some((status) => status !== 400 && status !== 401)).toBe(true);
    },
    120_000,
  );
});

describe("a body that is not a JSON object", () => {
  it("is a 400 on every write, not a crash in the form schemas' cross-field rules (found by fuzzing)", async () => {
    const [expertToken, , spaceToken, villageToken] = world.tokens;
    const cases = [
      { route: offers, path: "/api/v1/offers", token: expertToken },
      { route: services, path: "/api/v1/services", token: spaceToken },
      { route: needs, path: "/api/v1/needs", token: villageToken },
    ];
    for (const { route, path, token } of cases) {
      for (const body of ["null", "[]", "5", '"text"']) {
        const response = await (route as Route).action!({
          request: apiRequest(path, { token, method: "POST", body }),
          params: {},
          context: { cspNonce: "test", clientIp: "10.21.9.8" },
        } as never);
        expect(response.status, `${path} ${body}`).toBe(400);
        const problem = await expectDocumented(response, "POST", path);
        expect(problem.code).toBe("api.invalid_json");
      }
    }
  });
});
