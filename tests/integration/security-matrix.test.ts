import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { configureIndexes } from "~/modules/search/indexer.server";
import { isDomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { sessionCookieFor } from "../support/offers-factories";
import { routeTable } from "../support/route-table";
import { MATRIX_ROLES, buildSecurityWorld } from "../support/security-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-security-matrix-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Every route module with a loader or action, and what each role gets from it. One letter per
 * role, in the order of MATRIX_ROLES: anonymous, VILLAGE (head of organisation A, the payer of
 * the agreement), FARMER, EXPERT (the agreement's payee), INSTITUTION, SPACE, BUREAU, ADMIN.
 *   a  allowed: 2xx, or a redirect that is not to the login page (for an action posted empty,
 *      anything but a refusal: usually 400 with field errors)
 *   l  sent to log in: a redirect to /login, or 401 from the API
 *   d  denied: 403 or 404
 * A column is null when the module has no loader (or action), and "-" when it answers 405 to
 * whoever asks (an API path that takes only the other method). `{name}` in a URL is a record from the fixtures.
 */
type Row = [route: string, url: string, loader: string | null, action: string | null];

// prettier-ignore
const MATRIX: Row[] = [
  // route file                                              URL                                                                   loader      action
  //                                                                                                                               -VFEISBA    -VFEISBA
  ["_index",                                                 "/",                                                                 "aaaaaaaa", null],
  ["account._index",                                         "/account",                                                          "laaaaaaa", null],
  ["account.invitations",                                    "/account/invitations",                                              "lddaddda", "laaaaaaa"],
  ["account.notifications",                                  "/account/notifications",                                            "laaaaaaa", "laaaaaaa"],
  ["account.organisations.$id",                              "/account/organisations/{orgA}",                                     "ladddddd", "ladddddd"],
  ["account.password",                                       "/account/password",                                                 "laaaaaaa", "laaaaaaa"],
  ["account.recovery-codes",                                 "/account/recovery-codes",                                           "laddaaaa", "laddaaaa"],
  ["account.privacy",                                        "/account/privacy",                                                  "laaaaaaa", "laaaaaaa"],
  ["account.privacy_.consent",                               "/account/privacy/consent?purpose=VOICE",                            "laaaaaaa", null],
  ["account.data[.]zip",                                     "/account/data.zip",                                                 "laaaaaaa", null],
  ["account.profile",                                        "/account/profile",                                                  "lddadddd", "laaaaaaa"],
  ["account.searches",                                       "/account/searches",                                                 "laaaaaaa", "laaaaaaa"],
  ["account.tokens",                                         "/account/tokens",                                                   "laaaaaaa", "laaaaaaa"],
  ["account.verification",                                   "/account/verification",                                             "laaaaaaa", "laaaaaaa"],
  ["admin.finance",                                          "/admin/finance",                                                    "ldddddda", "ldddddda"],
  ["agreements.$id._index",                                  "/agreements/{agreement}",                                           "ladaddaa", "laaaaaaa"],
  ["agreements.$id.edit",                                    "/agreements/{agreement}/edit",                                      "ladaddaa", "laaaaaaa"],
  ["agreements.$id.evidence.$uploadId",                      "/agreements/{agreement}/evidence/{upload}",                         "lddddddd", null],
  ["agreements.$id.milestones.$milestoneId.files.$uploadId", "/agreements/{agreement}/milestones/{milestone}/files/{upload}",     "lddddddd", null],
  ["agreements.$id.milestones.$milestoneId",                 "/agreements/{agreement}/milestones/{milestone}",                    "aaaaaaaa", "laaaaaaa"],
  ["agreements.$id.milestones.$milestoneId_.funders",        "/agreements/{agreement}/milestones/{milestone}/funders",            "ladaddaa", "laaaaaaa"],
  ["agreements.$id.print",                                   "/agreements/{agreement}/print",                                     "ladaddaa", null],
  ["agreements.$id.revenue",                                 "/agreements/{agreement}/revenue",                                   "aaaaaaaa", "laaaaaaa"],
  ["agreements.$id.sign",                                    "/agreements/{agreement}/sign",                                      "ladaddaa", "laaaaaaa"],
  ["agreements.$id.versions.$version",                       "/agreements/{agreement}/versions/1",                                "ladaddaa", null],
  ["agreements.$id_.review",                                 "/agreements/{agreement}/review",                                    "ladaddaa", "ladaddaa"],
  ["agreements._index",                                      "/agreements",                                                       "laaaaaaa", null],
  ["agreements.new",                                         "/agreements/new?applicationId={application}",                       "aaaaaaaa", "laaaaaaa"],
  ["api.v1.$",                                               "/api/v1/nothing/here",                                              "dddddddd", "dddddddd"],
  ["api.v1.agreements.$id",                                  "/api/v1/agreements/{agreement}",                                    "ladaddaa", "-"],
  ["api.v1.agreements",                                      "/api/v1/agreements",                                                "laaaaaaa", "-"],
  ["api.v1.applications",                                    "/api/v1/applications",                                              "laaaaaaa", "-"],
  ["api.v1.conversations.$id.messages",                      "/api/v1/conversations/{conversation}/messages",                     "ladadddd", "laaaaaaa"],
  ["api.v1.conversations",                                   "/api/v1/conversations",                                             "laaaaaaa", "-"],
  ["api.v1.dashboard",                                       "/api/v1/dashboard",                                                 "ldddddaa", "-"],
  ["api.v1.disputes",                                        "/api/v1/disputes",                                                  "ldddddaa", "-"],
  ["api.v1.docs",                                            "/api/v1/docs",                                                      "aaaaaaaa", "-"],
  ["api.v1.milestones.$id.accept",                           "/api/v1/milestones/{milestone}/accept",                             "-", "laaaaaaa"],
  ["api.v1.milestones.$id.dispute",                          "/api/v1/milestones/{milestone}/dispute",                            "-", "laaaaaaa"],
  ["api.v1.milestones.$id.fund",                             "/api/v1/milestones/{milestone}/fund",                               "-", "laaaaaaa"],
  ["api.v1.milestones.$id.reject",                           "/api/v1/milestones/{milestone}/reject",                             "-", "laaaaaaa"],
  ["api.v1.milestones.$id.resolve",                          "/api/v1/milestones/{milestone}/resolve",                            "-", "ldddddaa"],
  ["api.v1.milestones.$id.submit",                           "/api/v1/milestones/{milestone}/submit",                             "-", "laaaaaaa"],
  ["api.v1.needs.$id.applications",                          "/api/v1/needs/{need}/applications",                                 "-", "laaaaaaa"],
  ["api.v1.needs.$id.matches",                               "/api/v1/needs/{need}/matches",                                      "laddddaa", "-"],
  ["api.v1.needs.$id",                                       "/api/v1/needs/{need}",                                              "laaaaaaa", "-"],
  ["api.v1.needs",                                           "/api/v1/needs",                                                     "laaaaaaa", "laadddda"],
  // The expert withdraws the fixture's offer (and the space its service) and publishes it again in
  // the next row, so the rows after these still find them live: keep withdraw before publish.
  ["api.v1.offers.$id.withdraw",                             "/api/v1/offers/{offer}/withdraw",                                   "-", "lddadddd"],
  ["api.v1.offers.$id.publish",                              "/api/v1/offers/{offer}/publish",                                    "-", "lddadddd"],
  ["api.v1.offers.$id",                                      "/api/v1/offers/{offer}",                                            "laaaaaaa", "-"],
  ["api.v1.offers",                                          "/api/v1/offers",                                                    "laaaaaaa", "lddaadda"],
  ["api.v1.openapi[.]json",                                  "/api/v1/openapi.json",                                              "aaaaaaaa", "-"],
  ["api.v1.programmes.$id.applications",                     "/api/v1/programmes/{programme}/applications",                       "-", "laaaaaaa"],
  ["api.v1.programmes.$id",                                  "/api/v1/programmes/{programme}",                                    "laaaaaaa", "-"],
  ["api.v1.programmes",                                      "/api/v1/programmes",                                                "laaaaaaa", "-"],
  ["api.v1.search",                                          "/api/v1/search?q=香菇",                                               "laaaaaaa", "-"],
  ["api.v1.services.$id.withdraw",                           "/api/v1/services/{service}/withdraw",                               "-", "lddddadd"],
  ["api.v1.services.$id.publish",                            "/api/v1/services/{service}/publish",                                "-", "lddddadd"],
  ["api.v1.services.$id",                                    "/api/v1/services/{service}",                                        "laaaaaaa", "-"],
  ["api.v1.services",                                        "/api/v1/services",                                                  "-", "lddddada"],
  ["api.v1.wallets.$accountId.statement",                    "/api/v1/wallets/{wallet}/statement",                                "laddddaa", "-"],
  ["api.v1.wallets",                                         "/api/v1/wallets",                                                   "laaaaaaa", "-"],
  ["applications.$id.revisions",                             "/applications/{application}/revisions",                             "ladadddd", "laaaaaaa"],
  ["brands.$id",                                             "/brands/{brand}",                                                   "aaaaaaaa", "laaaaaaa"],
  ["brands._index",                                          "/brands",                                                           "aaaaaaaa", null],
  ["brands.new",                                             "/brands/new",                                                       "lddddddd", "laaaaaaa"],
  ["bureau._index",                                          "/bureau",                                                           "ldddddaa", null],
  ["bureau.audit",                                           "/bureau/audit",                                                     "ldddddaa", null],
  ["bureau.audit[.]csv",                                     "/bureau/audit.csv",                                                 "ldddddaa", null],
  ["bureau.commissioners",                                   "/bureau/commissioners",                                             "ldddddaa", "ldddddaa"],
  ["bureau.dashboard",                                       "/bureau/dashboard",                                                 "ldddddaa", null],
  ["bureau.dashboard[.]csv",                                 "/bureau/dashboard.csv",                                             "ldddddaa", null],
  ["bureau.dashboard[.]xlsx",                                "/bureau/dashboard.xlsx",                                            "ldddddaa", null],
  ["bureau.demos.$id.edit",                                  "/bureau/demos/{demo}/edit",                                         "ldddddaa", "ldddddaa"],
  ["bureau.demos.new",                                       "/bureau/demos/new",                                                 "ldddddaa", "ldddddaa"],
  ["bureau.disputes",                                        "/bureau/disputes",                                                  "ldddddaa", "ldddddaa"],
  ["bureau.informants",                                      "/bureau/informants",                                                "ldddddaa", "ldddddaa"],
  ["bureau.poverty.$orgId",                                  "/bureau/poverty/{orgA}",                                            "aaaaaaaa", "ldddddaa"],
  ["bureau.programmes.$id",                                  "/bureau/programmes/{programme}",                                    "ldddddaa", "ldddddaa"],
  ["bureau.programmes.$id_.edit",                            "/bureau/programmes/{programme}/edit",                               "ldddddaa", "ldddddaa"],
  ["bureau.programmes._index",                               "/bureau/programmes",                                                "ldddddaa", null],
  ["bureau.programmes.applications.$id",                     "/bureau/programmes/applications/{programmeApplication}",            "ldddddaa", "ldddddaa"],
  ["bureau.programmes.new",                                  "/bureau/programmes/new",                                            "ldddddaa", "ldddddaa"],
  ["bureau.reviews",                                         "/bureau/reviews",                                                   "ldddddaa", "ldddddaa"],
  ["bureau.sanctions.$id",                                   "/bureau/sanctions/{sanction}",                                      "ldddddaa", "ldddddaa"],
  ["bureau.sanctions._index",                                "/bureau/sanctions",                                                 "ldddddaa", "ldddddaa"],
  ["bureau.sanctions.new",                                   "/bureau/sanctions/new",                                             "ldddddaa", "ldddddaa"],
  ["bureau.triage",                                          "/bureau/triage",                                                    "ldddddaa", "ldddddaa"],
  ["bureau.triage_.$needId",                                 "/bureau/triage/{need}",                                             "ldddddaa", "ldddddaa"],
  ["bureau.verifications.$id",                               "/bureau/verifications/{verification}",                              "ldddddaa", "ldddddaa"],
  ["bureau.verifications._index",                            "/bureau/verifications",                                             "ldddddaa", null],
  ["claim",                                                  "/claim",                                                            "aaaaaaaa", "aaaaaaaa"],
  ["commissioners.$userId",                                  "/commissioners/{commissioner}",                                     "laaaaaaa", "laaaaaaa"],
  ["commissioners.logs.new",                                 "/commissioners/logs/new",                                           "laaaaaaa", "laaaaaaa"],
  ["commissioners.logs.photos.$uploadId",                    "/commissioners/logs/photos/{upload}",                               "lddddddd", null],
  ["demos.$id",                                              "/demos/{demo}",                                                     "aaaaaaaa", "ldddddaa"],
  ["demos._index",                                           "/demos",                                                            "aaaaaaaa", null],
  ["equity",                                                 "/equity",                                                           "laaaaaaa", null],
  ["experts.$id",                                            "/experts/{expert}",                                                 "dddadddd", "laaaaaaa"],
  ["informant._index",                                       "/informant",                                                        "lddddddd", null],
  ["informant.new",                                          "/informant/new",                                                    "lddddddd", "lddddddd"],
  ["language",                                               "/language",                                                         "aaaaaaaa", "aaaaaaaa"],
  ["privacy",                                                "/privacy",                                                          "aaaaaaaa", null],
  ["login",                                                  "/login",                                                            "aaaaaaaa", "aaaaaaaa"],
  ["forgot-password",                                        "/forgot-password",                                                  "aaaaaaaa", "aaaaaaaa"],
  ["reset-password",                                         "/reset-password",                                                   "aaaaaaaa", "aaaaaaaa"],
  ["logout",                                                 "/logout",                                                           "aaaaaaaa", "aaaaaaaa"],
  ["messages.$id",                                           "/messages/{conversation}",                                          "ladadddd", "ladadddd"],
  ["messages.$id_.attachments.$uploadId",                    "/messages/{conversation}/attachments/{upload}",                     "lddddddd", null],
  ["messages._index",                                        "/messages",                                                         "laaaaaaa", null],
  ["messages.agreement.$agreementId",                        "/messages/agreement/{agreement}",                                   "ladadddd", "ladadddd"],
  ["messages.application.$applicationId",                    "/messages/application/{application}",                               "ladadddd", "ladadddd"],
  ["messages.direct",                                        "/messages/direct",                                                  null, "laaaaaaa"],
  ["needs.$id",                                              "/needs/{need}",                                                     "aaaaaaaa", "laaaaaaa"],
  ["needs.$id_.applications",                                "/needs/{need}/applications",                                        "ladddddd", "laaaaaaa"],
  ["needs.$id_.edit",                                        "/needs/{need}/edit",                                                "ladddddd", "laaaaaaa"],
  ["needs.$id_.invite",                                      "/needs/{need}/invite",                                              "ladddddd", "laaaaaaa"],
  ["needs.$id_.voice",                                       "/needs/{need}/voice",                                               "lddddddd", null],
  ["needs._index",                                           "/needs",                                                            "aaaaaaaa", null],
  ["needs.new",                                              "/needs/new",                                                        "laadddda", "laadddda"],
  ["notifications",                                          "/notifications",                                                    "laaaaaaa", "laaaaaaa"],
  ["offers.$id",                                             "/offers/{offer}",                                                   "aaaaaaaa", "laaaaaaa"],
  ["offers.$id_.edit",                                       "/offers/{offer}/edit",                                              "lddadddd", "laaaaaaa"],
  ["offers._index",                                          "/offers",                                                           "aaaaaaaa", null],
  ["offers.new",                                             "/offers/new",                                                       "lddaadda", "lddaadda"],
  ["orgs.$id",                                               "/orgs/{orgA}",                                                      "aaaaaaaa", "laaaaaaa"],
  ["orgs.$id_.finance",                                      "/orgs/{orgA}/finance",                                              "ladddddd", "laaaaaaa"],
  ["orgs.$id_.webhooks",                                     "/orgs/{orgA}/webhooks",                                             "ladddddd", "laaaaaaa"],
  ["orgs.$id_.webhooks_.$endpointId",                        "/orgs/{orgA}/webhooks/{webhook}",                                   "ladddddd", "laaaaaaa"],
  ["programmes.$id",                                         "/programmes/{programme}",                                           "aaaaaaaa", null],
  ["programmes.$id_.apply",                                  "/programmes/{programme}/apply",                                     "laaaaaaa", "laaaaaaa"],
  ["programmes._index",                                      "/programmes",                                                       "aaaaaaaa", null],
  ["programmes.applications.$id",                            "/programmes/applications/{programmeApplication}",                   "ladddddd", "laaaaaaa"],
  ["programmes.applications.$id_.evidence.$uploadId",        "/programmes/applications/{programmeApplication}/evidence/{upload}", "lddddddd", null],
  ["programmes.commended",                                   "/programmes/commended",                                             "aaaaaaaa", null],
  ["register",                                               "/register",                                                         "aaaaaaaa", "aaaaaaaa"],
  ["requests",                                               "/requests",                                                         "laaaaaaa", "laaaaaaa"],
  ["reviews.$id",                                            "/reviews/{review}",                                                 "aaaaaaaa", "laaaaaaa"],
  ["search",                                                 "/search?q=香菇",                                                      "aaaaaaaa", "laaaaaaa"],
  ["services.$id",                                           "/services/{service}",                                               "aaaaaaaa", "laaaaaaa"],
  ["services.$id_.edit",                                     "/services/{service}/edit",                                          "lddddadd", "laaaaaaa"],
  ["services.$id_.request",                                  "/services/{service}/request",                                       "laadddda", "laadddda"],
  ["services._index",                                        "/services",                                                         "aaaaaaaa", null],
  ["services.new",                                           "/services/new",                                                     "lddddada", "lddddada"],
  ["spaces.$id",                                             "/spaces/{space}",                                                   "aaaaaaaa", "laaaaaaa"],
  ["spaces.$id_.kpis",                                       "/spaces/{space}/kpis",                                              "lddddadd", "laaaaaaa"],
  ["spaces.$id_.profile",                                    "/spaces/{space}/profile",                                           "lddddadd", "lddddadd"],
  ["spaces._index",                                          "/spaces",                                                           "aaaaaaaa", null],
  ["spaces.requests",                                        "/spaces/requests",                                                  "lddddadd", "lddddada"],
  ["trainings.$id",                                          "/trainings/{training}",                                             "laaaaaaa", "laaaaaaa"],
  ["trainings._index",                                       "/trainings",                                                        "laaaaaaa", "laaaaaaa"],
  ["trainings.new",                                          "/trainings/new",                                                    "laaaaaaa", "laaaaaaa"],
  ["triage.assignments.$id",                                 "/triage/assignments/{triage}",                                      "aaaaaaaa", "laaaaaaa"],
  ["uploads.$id",                                            "/uploads/{upload}",                                                 "aaaaaaaa", null],
  ["wallet.$accountId",                                      "/wallet/{wallet}",                                                  "laddddaa", null],
  ["wallet.$accountId_.statement[.]csv",                     "/wallet/{wallet}/statement.csv",                                    "laddddaa", null],
  ["wallet._index",                                          "/wallet",                                                           "laaaaaaa", "laaaaaaa"],
  ["workspace",                                              "/workspace",                                                        "laaaaaaa", null],
];

// The routes the app serves, by file name (without extension): what the rows call them.
const table = await routeTable();
const routes = new Map(table.map((entry) => [entry.name.replace(/\.tsx?$/, ""), entry]));
const routeModules = import.meta.glob<{ loader?: Handler; action?: Handler }>(
  "../../app/routes/**/*.{ts,tsx}",
);
const moduleOf = (route: string) =>
  routeModules[path.relative(import.meta.dirname, routes.get(route)!.file)]!();
type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => unknown;

/** The URL pattern of a flat-routes file name: `$id` is a param, `x_` escapes nesting, `[.]` is a dot. */
function paramsOf(route: string, pathname: string): Record<string, string> {
  const segments = route
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((segment) => segment.replace(/_$/, "").replace(/\u0000/g, "."))
    .filter((segment) => segment !== "_index");
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string> = {};
  segments.forEach((segment, index) => {
    if (segment === "$") params["*"] = parts.slice(index).join("/");
    else if (segment.startsWith("$")) params[segment.slice(1)] = parts[index]!;
  });
  return params;
}

let requestCount = 0;

/** The status a loader or action answers with, whether it returns or throws it. */
async function outcome(
  handler: Handler,
  url: string,
  route: string,
  method: "GET" | "POST",
  cookie: string | null,
): Promise<string> {
  const request = new Request(`http://localhost:3000${url}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: method === "POST" ? new URLSearchParams() : undefined,
  });
  // Each request from its own address, so the API's and login's rate limits never decide.
  requestCount += 1;
  const context = {
    cspNonce: "test",
    clientIp: `10.77.${Math.floor(requestCount / 250)}.${requestCount % 250}`,
  };
  let result: unknown;
  try {
    result = await handler({ request, params: paramsOf(route, new URL(request.url).pathname), context });
  } catch (thrown) {
    if (isDomainError(thrown)) return `E${thrown.status}`;
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  const status =
    result instanceof Response
      ? result.status
      : ((result as { init?: { status?: number } } | null)?.init?.status ?? 200);
  const location = result instanceof Response ? (result.headers.get("location") ?? "") : "";
  if (status >= 300 && status < 400) return location.startsWith("/login") ? "l" : "a";
  if (status === 401) return "l";
  if (status === 403 || status === 404) return "d";
  if (status === 405) return "-";
  if (status >= 500) return "E";
  return "a";
}

let world: Awaited<ReturnType<typeof buildSecurityWorld>>;
beforeAll(async () => {
  world = await buildSecurityWorld();
  await configureIndexes(getSearchEngine());
}, 120_000);

async function rowOutcomes(route: string, url: string, method: "GET" | "POST"): Promise<string> {
  const module = await moduleOf(route);
  const handler = method === "GET" ? module.loader! : module.action!;
  const concrete = url.replace(/\{(\w+)\}/g, (_match, name: string) => world.ids[name] ?? `missing-${name}`);
  let letters = "";
  for (const role of MATRIX_ROLES) {
    // Logging out ends the session it is sent with: give that route a session of its own.
    const cookie =
      role === "anonymous"
        ? null
        : route === "logout"
          ? await sessionCookieFor(world.people[role].id)
          : world.cookies[role];
    const letter = await outcome(handler, concrete, route, method, cookie);
    letters += letter.length === 1 ? letter : "E";
    if (letter.length > 1) console.warn(`${route} ${method} as ${role}: ${letter}`);
  }
  return letters;
}

const discovered: string[] = [];
afterAll(() => {
  if (process.env.MATRIX_DISCOVER) writeFileSync(process.env.MATRIX_DISCOVER, discovered.join("\n") + "\n");
});

describe("the role × route matrix", () => {
  it("lists every route module that has a loader or an action, and nothing else", async () => {
    const listed = new Map(MATRIX.map((row) => [row[0], row]));
    for (const [route, { name: file }] of routes) {
      const module = await moduleOf(route);
      if (!module.loader && !module.action) continue;
      const row = listed.get(route);
      expect(row, `${file} must be classified in the security matrix`).toBeDefined();
      expect(row![2] !== null, `${route}: loader column matches the module`).toBe(Boolean(module.loader));
      expect(row![3] !== null, `${route}: action column matches the module`).toBe(Boolean(module.action));
      listed.delete(route);
    }
    expect([...listed.keys()], "rows without a route file").toEqual([]);
    // The first test to import every route module pays for transforming them all: on two busy
    // cores that took more than the default 20 s.
  }, 90_000);

  it("serves every route file in app/routes (none in a folder that app/routes.ts leaves out)", () => {
    const served = new Set([...routes.values()].map((entry) => entry.file));
    const onDisk = Object.keys(routeModules)
      .filter((file) => !path.basename(file).startsWith("+") && !/\.test\.tsx?$/.test(file))
      .map((file) => path.resolve(import.meta.dirname, file));
    expect(onDisk.filter((file) => !served.has(file))).toEqual([]);
    // Each area's folder is read on its own, so only this notices two files claiming one URL.
    expect(routes.size, "route file names are unique").toBe(table.length);
    const patterns = table.filter((entry) => !entry.layout).map((entry) => entry.pattern);
    expect(patterns.filter((pattern, index) => patterns.indexOf(pattern) !== index)).toEqual([]);
  });

  it.each(MATRIX)("%s", async (route, url, loader, action) => {
    const gotLoader = loader === null ? null : await rowOutcomes(route, url, "GET");
    const gotAction = action === null ? null : await rowOutcomes(route, url, "POST");
    discovered.push(`${route} | ${gotLoader} | ${gotAction}`);
    if (process.env.MATRIX_DISCOVER) return;
    const compact = (letters: string | null) => (letters === "--------" ? "-" : letters);
    expect({ loader: compact(gotLoader), action: compact(gotAction) }).toEqual({ loader, action });
  });
});
