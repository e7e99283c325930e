import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n/i18n";
import { decideApplication } from "~/modules/programmes/programmes.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { useTestDatabase } from "../support/database";
import { createCommissioner, createCohortWithBureau } from "../support/commissioners-factories";
import { createFundedProject, createOfficer } from "../support/monitoring-factories";
import { createExpert } from "../support/needs-factories";
import {
  addScores,
  approveDirectly,
  createApplication,
  createOpenProgramme,
  createVillage,
} from "../support/programmes-factories";

// Pages a phone walk of the app found misleading or dead-ended, rendered on the server as a phone
// without JavaScript receives them, from the data their loader returned for a given person.
const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  useNavigation: () => ({ state: "idle" }),
  useRouteLoaderData: () => ({ locale: "zh" }),
  useLocation: () => ({ key: "default", pathname: "/" }),
}));

const teamsPage = await import("~/routes/commissioners/commissioners.teams");
const programmePage = await import("~/routes/programmes/programmes.$id");
const planPage = await import("~/routes/programmes/programmes.applications.$id_.plan");
const applicantPage = await import("~/routes/programmes/programmes.applications.$id");

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.6.0.2" };

type Loader<T> = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<T>;

/** Runs the loader as `userId` and renders the page's component from what it returned. */
async function renderAs<T>(
  route: { loader: Loader<T>; default: () => ReactNode },
  url: string,
  userId: string,
  params: Record<string, string> = {},
): Promise<{ data: T; html: string }> {
  const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.6.0.2" }));
  const data = await route.loader({
    request: new Request(`http://localhost${url}`, { headers: { cookie } }),
    params,
    context,
  });
  page.data = data;
  return { data, html: renderToString(createElement(route.default)) };
}

// Text as React renders it into HTML (quotes and ampersands escaped).
const asHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** "已有 {have} 份评分（需要 2 份）", the count the bureau works towards before it decides. */
const reviewCount = (have: number) =>
  asHtml(translate("zh", "programmes.reviewCount", { count: have, required: 2 }));

describe("the commissioner teams page", () => {
  it("tells a serving commissioner with nobody to invite why no team can be formed yet, then offers the form", async () => {
    const { expert } = await createCommissioner();
    const alone = await renderAs(teamsPage, "/commissioners/teams", expert.id);
    expect(alone.data.serving).toBe(true);
    expect(alone.data.commissioners).toEqual([]);
    expect(alone.html).toContain(translate("zh", "applicants.teams.create"));
    expect(alone.html).toContain(asHtml(translate("zh", "applicants.teams.noneToInvite")));
    expect(alone.html).not.toContain('name="memberIds"');

    // A second serving commissioner appears: the form invites them, and the explanation goes.
    const { expert: colleague } = await createCommissioner();
    const withColleague = await renderAs(teamsPage, "/commissioners/teams", expert.id);
    expect(withColleague.html).toContain(`value="${colleague.id}"`);
    expect(withColleague.html).not.toContain(asHtml(translate("zh", "applicants.teams.noneToInvite")));
  });

  it("tells an expert who is not serving that only a serving commissioner can lead a team", async () => {
    await createCohortWithBureau();
    await createCommissioner();
    const expert = await createExpert();
    const { data, html } = await renderAs(teamsPage, "/commissioners/teams", expert.id);
    expect(data.serving).toBe(false);
    expect(html).toContain(asHtml(translate("zh", "applicants.teams.notServing")));
    expect(html).not.toContain('name="memberIds"');
  });
});

describe("a programme's page for an organisation member", () => {
  it("says the organisation cannot apply to a call for commissioners and teams only, and offers no apply button", async () => {
    const { programme } = await createOpenProgramme({ applicantKinds: ["INDIVIDUAL", "TEAM"] });
    const { organisation, head } = await createVillage();
    const { data, html } = await renderAs(programmePage, `/programmes/${programme.id}`, head.id, {
      id: programme.id,
    });
    expect(data.eligibility).toEqual([
      expect.objectContaining({ id: organisation.id, reasons: ["applicantKind"] }),
    ]);
    expect(html).toContain(
      asHtml(translate("zh", "programmes.ineligible.applicantKind", { org: organisation.name })),
    );
    expect(html).not.toContain(asHtml(translate("zh", "programmes.eligible", { org: organisation.name })));
    expect(html).not.toContain('href="apply"');
  });

  it("still says an organisation fits a call that takes organisations", async () => {
    const { programme } = await createOpenProgramme({ applicantKinds: ["ORGANISATION", "TEAM"] });
    const { organisation, head } = await createVillage();
    const { html } = await renderAs(programmePage, `/programmes/${programme.id}`, head.id, {
      id: programme.id,
    });
    expect(html).toContain(asHtml(translate("zh", "programmes.eligible", { org: organisation.name })));
    expect(html).toContain('href="apply"');
  });
});

describe("a funded project's plan page", () => {
  it("links its title back to the project page: the applicant's for its organisation, the bureau's for the bureau", async () => {
    const { applicationId, head } = await createFundedProject();
    const url = `/programmes/applications/${applicationId}/plan`;
    const params = { id: applicationId };

    const member = await renderAs(planPage, url, head.id, params);
    expect(member.html).toContain(`href="/programmes/applications/${applicationId}"`);
    expect(member.html).not.toContain(`href="/programmes/applications/${applicationId}/reports"`);

    const bureau = await createOfficer("BUREAU");
    const city = await renderAs(planPage, url, bureau.id, params);
    expect(city.html).toContain(`href="/bureau/programmes/applications/${applicationId}"`);
  });
});

describe("the applicant's page of a decided application", () => {
  it("shows the review count only while the bureau has not decided", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application, head } = await createApplication(programme.id);
    const url = `/programmes/applications/${application.id}`;
    const params = { id: application.id };

    const submitted = await renderAs(applicantPage, url, head.id, params);
    expect(submitted.html).toContain(reviewCount(0));

    await addScores(application.id);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 40_000 });
    const approved = await renderAs(applicantPage, url, head.id, params);
    expect(approved.html).not.toContain(reviewCount(2));
    // The scores the approval rested on are still the applicant's to read.
    expect(approved.html).toContain(asHtml(translate("zh", "programmes.reviewScore", { score: 80 })));
  });

  it("shows no reviews card at all for a project decided without scores on record", async () => {
    const { programme } = await createOpenProgramme();
    const { application, head } = await createApplication(programme.id);
    await approveDirectly(application.id, 40_000);
    const { html } = await renderAs(applicantPage, `/programmes/applications/${application.id}`, head.id, {
      id: application.id,
    });
    expect(html).not.toContain(reviewCount(0));
    expect(html).not.toContain(`>${translate("zh", "programmes.reviews")}<`);
  });
});
