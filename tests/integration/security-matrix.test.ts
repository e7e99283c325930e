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
 * the agreement), FARMER, EXPERT (the agreement's payee), INSTITUTION, SPACE, BUREAU (the city
 * science bureau), COUNTY (the science bureau officer of organisation A's county), FINANCE (the
 * city finance bureau), ADMIN.
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
  //                                                                                                                               -VFEISBCFA  -VFEISBCFA
  ["_index",                                                 "/",                                                                 "aaaaaaaaaa", null],
  ["pulse-map[.]svg",                                        "/pulse-map.svg",                                                    "aaaaaaaaaa", null],
  ["account._index",                                         "/account",                                                          "laaaaaaaaa", null],
  ["account.invitations",                                    "/account/invitations",                                              "lddaddddda", "laaaaaaaaa"],
  ["account.notifications",                                  "/account/notifications",                                            "laaaaaaaaa", "laaaaaaaaa"],
  ["account.organisations.$id",                              "/account/organisations/{orgA}",                                     "ladddddddd", "ladddddddd"],
  ["account.password",                                       "/account/password",                                                 "laaaaaaaaa", "laaaaaaaaa"],
  ["account.recovery-codes",                                 "/account/recovery-codes",                                           "laddaaadda", "laddaaadda"],
  ["account.privacy",                                        "/account/privacy",                                                  "laaaaaaaaa", "laaaaaaaaa"],
  ["account.privacy_.consent",                               "/account/privacy/consent?purpose=VOICE",                            "laaaaaaaaa", null],
  ["account.data[.]zip",                                     "/account/data.zip",                                                 "laaaaaaaaa", null],
  ["account.profile",                                        "/account/profile",                                                  "lddadddddd", "laaaaaaaaa"],
  ["account.searches",                                       "/account/searches",                                                 "laaaaaaaaa", "laaaaaaaaa"],
  ["account.tokens",                                         "/account/tokens",                                                   "laaaaaaaaa", "laaaaaaaaa"],
  ["account.verification",                                   "/account/verification",                                             "laaaaaaaaa", "laaaaaaaaa"],
  ["admin.finance",                                          "/admin/finance",                                                    "ldddddddda", "ldddddddda"],
  ["agreements.$id._index",                                  "/agreements/{agreement}",                                           "ladaddadda", "laaaaaaaaa"],
  ["agreements.$id.edit",                                    "/agreements/{agreement}/edit",                                      "ladaddadda", "laaaaaaaaa"],
  ["agreements.$id.evidence.$uploadId",                      "/agreements/{agreement}/evidence/{upload}",                         "lddddddddd", null],
  ["agreements.$id.milestones.$milestoneId.files.$uploadId", "/agreements/{agreement}/milestones/{milestone}/files/{upload}",     "lddddddddd", null],
  ["agreements.$id.milestones.$milestoneId",                 "/agreements/{agreement}/milestones/{milestone}",                    "aaaaaaaaaa", "laaaaaaaaa"],
  ["agreements.$id.milestones.$milestoneId_.funders",        "/agreements/{agreement}/milestones/{milestone}/funders",            "ladaddadda", "laaaaaaaaa"],
  ["agreements.$id.print",                                   "/agreements/{agreement}/print",                                     "ladaddadda", null],
  ["agreements.$id.revenue",                                 "/agreements/{agreement}/revenue",                                   "aaaaaaaaaa", "laaaaaaaaa"],
  ["agreements.$id.sign",                                    "/agreements/{agreement}/sign",                                      "ladaddadda", "laaaaaaaaa"],
  ["agreements.$id.versions.$version",                       "/agreements/{agreement}/versions/1",                                "ladaddadda", null],
  ["agreements.$id_.review",                                 "/agreements/{agreement}/review",                                    "ladaddadda", "ladaddadda"],
  ["agreements._index",                                      "/agreements",                                                       "laaaaaaaaa", null],
  ["agreements.new",                                         "/agreements/new?applicationId={application}",                       "aaaaaaaaaa", "laaaaaaaaa"],
  ["api.v1.$",                                               "/api/v1/nothing/here",                                              "dddddddddd", "dddddddddd"],
  ["api.v1.agreements.$id",                                  "/api/v1/agreements/{agreement}",                                    "ladaddadda", "-"],
  ["api.v1.agreements",                                      "/api/v1/agreements",                                                "laaaaaaaaa", "-"],
  ["api.v1.applications",                                    "/api/v1/applications",                                              "laaaaaaaaa", "-"],
  ["api.v1.conversations.$id.messages",                      "/api/v1/conversations/{conversation}/messages",                     "ladadddddd", "laaaaaaaaa"],
  ["api.v1.commissioners.ventures",                          "/api/v1/commissioners/ventures",                                     "aaaaaaaaaa", "-"],
  ["api.v1.conversations",                                   "/api/v1/conversations",                                             "laaaaaaaaa", "-"],
  ["api.v1.benefit-linkages",                                "/api/v1/benefit-linkages",                                          "ldddddaaaa", "-"],
  ["api.v1.dashboard",                                       "/api/v1/dashboard",                                                 "ldddddaaaa", "-"],
  ["api.v1.disputes",                                        "/api/v1/disputes",                                                  "ldddddadda", "-"],
  ["api.v1.docs",                                            "/api/v1/docs",                                                      "aaaaaaaaaa", "-"],
  ["api.v1.milestones.$id.accept",                           "/api/v1/milestones/{milestone}/accept",                             "-", "laaaaaaaaa"],
  ["api.v1.milestones.$id.dispute",                          "/api/v1/milestones/{milestone}/dispute",                            "-", "laaaaaaaaa"],
  ["api.v1.milestones.$id.fund",                             "/api/v1/milestones/{milestone}/fund",                               "-", "laaaaaaaaa"],
  ["api.v1.milestones.$id.reject",                           "/api/v1/milestones/{milestone}/reject",                             "-", "laaaaaaaaa"],
  ["api.v1.milestones.$id.resolve",                          "/api/v1/milestones/{milestone}/resolve",                            "-", "ldddddadda"],
  ["api.v1.milestones.$id.submit",                           "/api/v1/milestones/{milestone}/submit",                             "-", "laaaaaaaaa"],
  ["api.v1.needs.$id.applications",                          "/api/v1/needs/{need}/applications",                                 "-", "laaaaaaaaa"],
  ["api.v1.needs.$id.matches",                               "/api/v1/needs/{need}/matches",                                      "laddddadda", "-"],
  ["api.v1.needs.$id",                                       "/api/v1/needs/{need}",                                              "laaaaaaaaa", "-"],
  ["api.v1.needs",                                           "/api/v1/needs",                                                     "laaaaaaaaa", "laadddddda"],
  // The expert withdraws the fixture's offer (and the space its service) and publishes it again in
  // the next row, so the rows after these still find them live: keep withdraw before publish.
  ["api.v1.offers.$id.withdraw",                             "/api/v1/offers/{offer}/withdraw",                                   "-", "lddadddddd"],
  ["api.v1.offers.$id.publish",                              "/api/v1/offers/{offer}/publish",                                    "-", "lddadddddd"],
  ["api.v1.offers.$id",                                      "/api/v1/offers/{offer}",                                            "laaaaaaaaa", "-"],
  ["api.v1.offers",                                          "/api/v1/offers",                                                    "laaaaaaaaa", "lddaadddda"],
  // financing (issue 23)
  ["api.v1.financing-needs",                                 "/api/v1/financing-needs",                                           "laaaaaaaaa", "-"],
  ["api.v1.financing-needs.$id.offers",                      "/api/v1/financing-needs/{financingNeed}/offers",                    "-", "laaaaaaaaa"],
  ["financing._index",                                       "/financing",                                                        "laaaaaaaaa", null],
  ["financing.new",                                          "/financing/new",                                                    "ladddadddd", "ladddadddd"],
  ["financing.$id",                                          "/financing/{financingNeed}",                                        "laddddaaaa", "laaaaaaaaa"],
  ["financing.$id.evidence.$uploadId",                       "/financing/{financingNeed}/evidence/{upload}",                      "lddddddddd", null],
  ["api.v1.openapi[.]json",                                  "/api/v1/openapi.json",                                              "aaaaaaaaaa", "-"],
  ["api.v1.programmes.$id.applications",                     "/api/v1/programmes/{programme}/applications",                       "-", "laaaaaaaaa"],
  ["api.v1.programmes.$id",                                  "/api/v1/programmes/{programme}",                                    "laaaaaaaaa", "-"],
  ["api.v1.programmes",                                      "/api/v1/programmes",                                                "laaaaaaaaa", "-"],
  ["api.v1.pairings",                                        "/api/v1/pairings",                                                  "aaaaaaaaaa", "-"],
  ["api.v1.bans",                                           "/api/v1/bans",                                                      "aaaaaaaaaa", "-"],
  ["api.v1.villages",                                       "/api/v1/villages",                                                  "aaaaaaaaaa", "-"],
  ["api.v1.brands",                                         "/api/v1/brands",                                                   "aaaaaaaaaa", "-"],
  ["api.v1.towns",                                          "/api/v1/towns",                                                    "aaaaaaaaaa", "-"],
  ["api.v1.search",                                          "/api/v1/search?q=香菇",                                               "laaaaaaaaa", "-"],
  ["api.v1.services.$id.withdraw",                           "/api/v1/services/{service}/withdraw",                               "-", "lddddadddd"],
  ["api.v1.services.$id.publish",                            "/api/v1/services/{service}/publish",                                "-", "lddddadddd"],
  ["api.v1.services.$id",                                    "/api/v1/services/{service}",                                        "laaaaaaaaa", "-"],
  ["api.v1.services",                                        "/api/v1/services",                                                  "laaaaaaaaa", "lddddaddda"],
  ["api.v1.wallets.$accountId.statement",                    "/api/v1/wallets/{wallet}/statement",                                "laddddadaa", "-"],
  ["api.v1.wallets",                                         "/api/v1/wallets",                                                   "laaaaaaaaa", "-"],
  ["applications.$id.revisions",                             "/applications/{application}/revisions",                             "ladadddddd", "laaaaaaaaa"],
  ["brands.$id",                                             "/brands/{brand}",                                                   "aaaaaaaaaa", "laaaaaaaaa"],
  ["brands._index",                                          "/brands",                                                           "aaaaaaaaaa", null],
  ["brands.new",                                             "/brands/new",                                                       "lddddddddd", "laaaaaaaaa"],
  ["bases.courses.$id",                                     "/bases/courses/{course}",                                          "aaaaaaaaaa", "laaaaaaaaa"],
  ["bases.courses.$id_.edit",                               "/bases/courses/{course}/edit",                                     "lddddadddd", "lddddadddd"],
  ["bureau._index",                                          "/bureau",                                                           "ldddddaaaa", null],
  ["bureau.audit",                                           "/bureau/audit",                                                     "ldddddadda", null],
  ["bureau.audit[.]csv",                                     "/bureau/audit.csv",                                                 "ldddddadda", null],
  ["bureau.commissioners",                                   "/bureau/commissioners",                                             "ldddddadda", "ldddddadda"],
  ["bureau.dashboard",                                       "/bureau/dashboard",                                                 "ldddddaaaa", null],
  ["bureau.dashboard[.]csv",                                 "/bureau/dashboard.csv",                                             "ldddddaaaa", null],
  ["bureau.dashboard[.]xlsx",                                "/bureau/dashboard.xlsx",                                            "ldddddaaaa", null],
  ["bureau.demos.$id.edit",                                  "/bureau/demos/{demo}/edit",                                         "ldddddadda", "ldddddadda"],
  ["bureau.demos.new",                                       "/bureau/demos/new",                                                 "ldddddadda", "ldddddadda"],
  ["bureau.disputes",                                        "/bureau/disputes",                                                  "ldddddadda", "ldddddadda"],
  ["bureau.linkage",                                         "/bureau/linkage",                                                   "ldddddaaaa", null],
  ["bureau.informants",                                      "/bureau/informants",                                                "ldddddadda", "ldddddadda"],
  ["bureau.monitoring",                                      "/bureau/monitoring",                                                 "ldddddaaaa", "ldddddaaaa"],
  ["bureau.poverty.$orgId",                                  "/bureau/poverty/{orgA}",                                            "aaaaaaaaaa", "ldddddadda"],
  ["bureau.finance._index",                                  "/bureau/finance",                                                   "ldddddadaa", null],
  ["bureau.finance.applications.$id",                        "/bureau/finance/applications/{programmeApplication}",               "ldddddddaa", "ldddddddaa"],
  ["bureau.officers",                                        "/bureau/officers",                                                  "ldddddadda", "ldddddadda"],
  ["bureau.prescreen.$id",                                   "/bureau/prescreen/{programmeApplication}",                          "lddddddada", "lddddddada"],
  ["bureau.prescreen._index",                                "/bureau/prescreen",                                                 "lddddddada", null],
  ["bureau.programmes.$id",                                  "/bureau/programmes/{programme}",                                    "ldddddadda", "ldddddadda"],
  ["bureau.programmes.$id_.edit",                            "/bureau/programmes/{programme}/edit",                               "ldddddadda", "ldddddadda"],
  ["bureau.programmes._index",                               "/bureau/programmes",                                                "ldddddadda", null],
  ["bureau.programmes.applications.$id",                     "/bureau/programmes/applications/{programmeApplication}",            "ldddddadda", "ldddddadda"],
  ["bureau.programmes.new",                                  "/bureau/programmes/new",                                            "ldddddadda", "ldddddadda"],
  ["bureau.reports._index",                                  "/bureau/reports",                                                   "ldddddaaaa", "ldddddaaaa"],
  ["bureau.reports.$id",                                     "/bureau/reports/{report}",                                          "ldddddaaaa", "ldddddaaaa"],
  ["bureau.reports.$id_.return[.]xlsx",                      "/bureau/reports/{report}/return.xlsx",                              "ldddddaaaa", null],
  ["bureau.reports.roll-up",                                 "/bureau/reports/roll-up",                                           "ldddddadaa", null],
  ["bureau.reports.roll-up[.]xlsx",                          "/bureau/reports/roll-up.xlsx",                                      "ldddddadaa", null],
  ["bureau.reviews",                                         "/bureau/reviews",                                                   "ldddddadda", "ldddddadda"],
  ["bureau.sanctions.$id",                                   "/bureau/sanctions/{sanction}",                                      "ldddddadda", "ldddddadda"],
  ["bureau.sanctions._index",                                "/bureau/sanctions",                                                 "ldddddadda", "ldddddadda"],
  ["bureau.sanctions.new",                                   "/bureau/sanctions/new",                                             "ldddddadda", "ldddddadda"],
  ["bureau.triage",                                          "/bureau/triage",                                                    "ldddddaada", "ldddddaada"],
  ["bureau.triage_.$needId",                                 "/bureau/triage/{need}",                                             "ldddddaada", "ldddddaada"],
  ["bureau.verifications.$id",                               "/bureau/verifications/{verification}",                              "ldddddadda", "ldddddadda"],
  ["bureau.verifications._index",                            "/bureau/verifications",                                             "ldddddadda", null],
  ["claim",                                                  "/claim",                                                            "aaaaaaaaaa", "aaaaaaaaaa"],
  ["commissioners.$userId",                                  "/commissioners/{commissioner}",                                     "laaaaaaaaa", "laaaaaaaaa"],
  ["commissioners.logs.new",                                 "/commissioners/logs/new",                                           "laaaaaaaaa", "laaaaaaaaa"],
  ["commissioners.logs.photos.$uploadId",                    "/commissioners/logs/photos/{upload}",                               "lddddddddd", null],
  ["commissioners.teams",                                    "/commissioners/teams",                                              "lddaddddda", "lddaddddda"],
  ["commissioners.teams_.$id",                               "/commissioners/teams/{team}",                                        "ldddddadda", "laaaaaaaaa"],
  ["commissioners.ventures._index",                          "/commissioners/ventures",                                            "laaaaaaaaa", null],
  ["commissioners.ventures.new",                             "/commissioners/ventures/new",                                        "laaaaaaaaa", "laaaaaaaaa"],
  ["commissioners.ventures.$id",                             "/commissioners/ventures/{venture}",                                  "ldddddaada", "laaaaaaaaa"],
  ["commissioners.leaves.evidence.$uploadId",                "/commissioners/leaves/evidence/{upload}",                            "lddddddddd", null],
  ["demos.$id",                                              "/demos/{demo}",                                                     "aaaaaaaaaa", "ldddddadda"],
  ["demos._index",                                           "/demos",                                                            "aaaaaaaaaa", null],
  ["equity",                                                 "/equity",                                                           "laaaaaaaaa", null],
  ["experts.$id",                                            "/experts/{expert}",                                                 "dddadddddd", "laaaaaaaaa"],
  ["households.$id",                                         "/households/{household}",                                           "ldddddaada", "ldddddaada"],
  ["informant._index",                                       "/informant",                                                        "lddddddddd", null],
  ["informant.new",                                          "/informant/new",                                                    "lddddddddd", "lddddddddd"],
  ["language",                                               "/language",                                                         "aaaaaaaaaa", "aaaaaaaaaa"],
  ["privacy",                                                "/privacy",                                                          "aaaaaaaaaa", null],
  ["bans",                                                   "/bans",                                                             "aaaaaaaaaa", null],
  ["login",                                                  "/login",                                                            "aaaaaaaaaa", "aaaaaaaaaa"],
  ["forgot-password",                                        "/forgot-password",                                                  "aaaaaaaaaa", "aaaaaaaaaa"],
  ["reset-password",                                         "/reset-password",                                                   "aaaaaaaaaa", "aaaaaaaaaa"],
  ["logout",                                                 "/logout",                                                           "aaaaaaaaaa", "aaaaaaaaaa"],
  ["messages.$id",                                           "/messages/{conversation}",                                          "ladadddddd", "ladadddddd"],
  ["messages.$id_.attachments.$uploadId",                    "/messages/{conversation}/attachments/{upload}",                     "lddddddddd", null],
  ["linkage._index",                                         "/linkage",                                                          "laddddaaaa", null],
  ["linkage.new",                                            "/linkage/new",                                                      "ladddddddd", "ladddddddd"],
  ["linkage.$id",                                            "/linkage/{linkage}",                                                "laddddaaaa", "ladddddddd"],
  ["linkage.$id.evidence.$uploadId",                         "/linkage/{linkage}/evidence/{upload}",                              "lddddddddd", null],
  ["messages._index",                                        "/messages",                                                         "laaaaaaaaa", null],
  ["messages.agreement.$agreementId",                        "/messages/agreement/{agreement}",                                   "ladadddddd", "ladadddddd"],
  ["messages.application.$applicationId",                    "/messages/application/{application}",                               "ladadddddd", "ladadddddd"],
  ["messages.direct",                                        "/messages/direct",                                                  null, "laaaaaaaaa"],
  ["needs.$id",                                              "/needs/{need}",                                                     "aaaaaaaaaa", "laaaaaaaaa"],
  ["needs.$id_.applications",                                "/needs/{need}/applications",                                        "ladddddddd", "laaaaaaaaa"],
  ["needs.$id_.edit",                                        "/needs/{need}/edit",                                                "ladddddddd", "laaaaaaaaa"],
  ["needs.$id_.invite",                                      "/needs/{need}/invite",                                              "ladddddddd", "laaaaaaaaa"],
  ["needs.$id_.voice",                                       "/needs/{need}/voice",                                               "lddddddddd", null],
  ["needs._index",                                           "/needs",                                                            "aaaaaaaaaa", null],
  ["needs.new",                                              "/needs/new",                                                        "laadddddda", "laadddddda"],
  ["notifications",                                          "/notifications",                                                    "laaaaaaaaa", "laaaaaaaaa"],
  ["offers.$id",                                             "/offers/{offer}",                                                   "aaaaaaaaaa", "laaaaaaaaa"],
  ["offers.$id_.edit",                                       "/offers/{offer}/edit",                                              "lddadddddd", "laaaaaaaaa"],
  ["offers._index",                                          "/offers",                                                           "aaaaaaaaaa", null],
  ["offers.new",                                             "/offers/new",                                                       "lddaadddda", "lddaadddda"],
  ["orgs.$id",                                               "/orgs/{orgA}",                                                      "aaaaaaaaaa", "laaaaaaaaa"],
  ["orgs.$id_.finance",                                      "/orgs/{orgA}/finance",                                              "ladddddddd", "laaaaaaaaa"],
  ["orgs.$id_.webhooks",                                     "/orgs/{orgA}/webhooks",                                             "ladddddddd", "laaaaaaaaa"],
  ["orgs.$id_.webhooks_.$endpointId",                        "/orgs/{orgA}/webhooks/{webhook}",                                   "ladddddddd", "laaaaaaaaa"],
  ["pairings._index",                                        "/pairings",                                                         "laaaaaaaaa",null],
  ["pairings.new",                                           "/pairings/new",                                                     "ldddaddddd","ldddaddddd"],
  ["pairings.talent",                                        "/pairings/talent",                                                  "ldddddaada","ldddddaada"],
  ["pairings.$id",                                           "/pairings/{pairing}",                                               "ldddadaada","ldddadaada"],
  ["pairings.$id.photos.$uploadId",                          "/pairings/{pairing}/photos/{upload}",                               "lddddddddd", null],
  ["pairings.$id_.report",                                   "/pairings/{pairing}/report",                                        "ldddadddda","ldddadddda"],
  ["programmes.$id",                                         "/programmes/{programme}",                                           "aaaaaaaaaa", null],
  ["programmes.$id_.apply",                                  "/programmes/{programme}/apply",                                     "laaaaaaaaa", "laaaaaaaaa"],
  ["programmes._index",                                      "/programmes",                                                       "aaaaaaaaaa", null],
  ["programmes.applications.$id",                            "/programmes/applications/{programmeApplication}",                   "ladddddddd", "laaaaaaaaa"],
  ["programmes.applications.$id_.evidence.$uploadId",        "/programmes/applications/{programmeApplication}/evidence/{upload}", "lddddddddd", null],
  ["programmes.applications.$id_.change",                    "/programmes/applications/{programmeApplication}/change",             "ladddddddd", "laaaaaaaaa"],
  ["programmes.applications.$id_.photos.$uploadId",          "/programmes/applications/{programmeApplication}/photos/{upload}",    "lddddddddd", null],
  ["programmes.applications.$id_.plan",                      "/programmes/applications/{programmeApplication}/plan",               "laddddaaaa", "laaaaaaaaa"],
  ["programmes.applications.$id_.report",                    "/programmes/applications/{programmeApplication}/report",             "ladddddddd", "laaaaaaaaa"],
  ["programmes.applications.$id_.reports",                   "/programmes/applications/{programmeApplication}/reports",            "laddddaaaa", null],
  ["programmes.applications.$id_.visit",                     "/programmes/applications/{programmeApplication}/visit",              "lddddddadd", "laaaaaaaaa"],
  ["programmes.commended",                                   "/programmes/commended",                                             "aaaaaaaaaa", null],
  ["register",                                               "/register",                                                         "aaaaaaaaaa", "aaaaaaaaaa"],
  ["requests",                                               "/requests",                                                         "laaaaaaaaa", "laaaaaaaaa"],
  ["reviews.$id",                                            "/reviews/{review}",                                                 "aaaaaaaaaa", "laaaaaaaaa"],
  ["search",                                                 "/search?q=香菇",                                                      "aaaaaaaaaa", "laaaaaaaaa"],
  ["services.$id",                                           "/services/{service}",                                               "aaaaaaaaaa", "laaaaaaaaa"],
  ["services.$id_.edit",                                     "/services/{service}/edit",                                          "lddddadddd", "laaaaaaaaa"],
  ["services.$id_.request",                                  "/services/{service}/request",                                       "laadddddda", "laadddddda"],
  ["services._index",                                        "/services",                                                         "aaaaaaaaaa", null],
  ["services.new",                                           "/services/new",                                                     "lddddaddda", "lddddaddda"],
  ["spaces.$id",                                             "/spaces/{space}",                                                   "aaaaaaaaaa", "laaaaaaaaa"],
  ["spaces.$id_.kpis",                                       "/spaces/{space}/kpis",                                              "lddddadddd", "laaaaaaaaa"],
  ["spaces.$id_.profile",                                    "/spaces/{space}/profile",                                           "lddddadddd", "lddddadddd"],
  ["spaces.$id_.bases",                                     "/spaces/{space}/bases",                                            "aaaaaaaaaa", "laaaaaaaaa"],
  ["spaces._index",                                          "/spaces",                                                           "aaaaaaaaaa", null],
  ["spaces.requests",                                        "/spaces/requests",                                                  "lddddadddd", "lddddaddda"],
  ["trainings.$id",                                          "/trainings/{training}",                                             "laaaaaaaaa", "laaaaaaaaa"],
  ["trainings._index",                                       "/trainings",                                                        "laaaaaaaaa", "laaaaaaaaa"],
  ["trainings.new",                                          "/trainings/new",                                                    "laaaaaaaaa", "laaaaaaaaa"],
  ["triage.assignments.$id",                                 "/triage/assignments/{triage}",                                      "aaaaaaaaaa", "laaaaaaaaa"],
  ["uploads.$id",                                            "/uploads/{upload}",                                                 "aaaaaaaaaa", null],
  ["villages.$id",                                           "/villages/{village}",                                               "ldddddaaaa", "ldddddaada"],
  ["villages.$id_.households.new",                           "/villages/{village}/households/new",                                "ldddddaada", "ldddddaada"],
  ["villages._index",                                        "/villages",                                                         "ldddddaaaa", null],
  ["villages.new",                                           "/villages/new",                                                     "ldddddaada", "ldddddaada"],
  ["wallet.$accountId",                                      "/wallet/{wallet}",                                                  "laddddadaa", null],
  ["wallet.$accountId_.statement[.]csv",                     "/wallet/{wallet}/statement.csv",                                    "laddddadaa", null],
  ["wallet._index",                                          "/wallet",                                                           "laaaaaaaaa", "laaaaaaaaa"],
  ["workspace",                                              "/workspace",                                                        "laaaaaaaaa", null],
  ["towns._index",                                          "/towns",                                                           "aaaaaaaaaa", null],
  ["towns.new",                                             "/towns/new",                                                       "ldddddadda", "ldddddadda"],
  ["towns.$id",                                             "/towns/{town}",                                                    "aaaaaaaaaa", "laaaaaaaaa"],
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
    const compact = (letters: string | null) => (letters === "-".repeat(MATRIX_ROLES.length) ? "-" : letters);
    expect({ loader: compact(gotLoader), action: compact(gotAction) }).toEqual({ loader, action });
  });
});
