import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n/i18n";
import { decideApplication } from "~/modules/programmes/programmes.decisions.server";
import { approveDisbursement, proposeDisbursement } from "~/modules/programmes/programmes.cosign.server";
import {
  evaluateApplication,
  signEvaluation,
} from "~/modules/programmes/programmes.cosign-evaluation.server";
import { reportCompletion } from "~/modules/programmes/programmes.completion.server";
import { applyToProgramme } from "~/modules/programmes/programmes.applications.server";
import { ban } from "~/modules/sanctions/sanctions.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { luoyangToday } from "~/utils/dates";
import { useTestDatabase } from "../support/database";
import { createFinance } from "../support/finance-factories";
import {
  addScores,
  applyFields,
  createApplication,
  createOpenProgramme,
  newKey,
} from "../support/programmes-factories";

// The server render, as a phone without JavaScript receives it, of the page whose loader ran last.
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

const bureauPage = await import("~/routes/bureau/bureau.programmes.applications.$id");
const programmePage = await import("~/routes/programmes/programmes.$id");
const applyPage = await import("~/routes/programmes/programmes.$id_.apply");

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.6.0.1" };

async function load<T>(
  loader: (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<T>,
  url: string,
  userId: string,
  params: Record<string, string>,
): Promise<T> {
  const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
  const data = await loader({
    request: new Request(`http://localhost${url}`, { headers: { cookie } }),
    params,
    context,
  });
  page.data = data;
  return data;
}

// 拨付 is now proposed by the science bureau and paid when the finance bureau signs (decision 037).
const propose = (actor: { id: string }, applicationId: string) =>
  proposeDisbursement(actor as Parameters<typeof proposeDisbursement>[0], {
    applicationId,
    note: "",
    idempotencyKey: newKey(),
  });

function refusalOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: { code?: string }) => error.code ?? "unknown",
  );
}

const report = {
  summary: "完成菌棒生产线建设，培训农户 52 户，污染率降到 4%。",
  farmersTrained: 52,
  incomeChange: 180_000,
  jobsCreated: 6,
  sales: 12_000_000,
};

describe("the bureau's application page", () => {
  it("offers 拨付 for a post-subsidy only once the service would pay it, and says what is missing before", async () => {
    const { programme, bureau } = await createOpenProgramme({ kind: "POST_SUBSIDY", budgetFen: 10_000_000 });
    const { application, head } = await createApplication(programme.id, { requestedFen: 1_938_272 });
    const url = `/bureau/programmes/applications/${application.id}`;
    const params = { id: application.id };
    const render = () => renderToString(createElement(bureauPage.default));

    await load(bureauPage.loader, url, bureau.id, params);
    const unscored = render();
    // Not enough scores yet: 批准 is not offered, the page says how many are missing.
    expect(unscored).toContain(
      translate("zh", "programmes.errors.not_enough_reviews", { required: 2, have: 0 }),
    );
    expect(unscored).not.toContain(`value="approve"`);

    await addScores(application.id);
    await load(bureauPage.loader, url, bureau.id, params);
    expect(render()).toContain(`value="approve"`);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 1_938_272 });

    const approved = await load(bureauPage.loader, url, bureau.id, params);
    expect(approved.application.disbursementRefusal?.message).toBe("programmes.errors.not_evaluated");
    const beforeReport = render();
    expect(beforeReport).not.toContain(`value="propose"`);
    expect(beforeReport).toContain(translate("zh", "programmes.errors.not_evaluated"));
    expect(beforeReport).toContain("¥19,382.72");
    expect(await refusalOf(propose(bureau, application.id))).toBe("programme.not_evaluated");

    await reportCompletion(head, application.id, report, []);
    await evaluateApplication(bureau, application.id, { score: 80, narrative: "成效明显", commended: false });
    // The science bureau's evaluation alone is not final: still nothing to propose.
    const unsigned = await load(bureauPage.loader, url, bureau.id, params);
    expect(unsigned.application.disbursementRefusal?.message).toBe("programmes.errors.not_evaluated");
    expect(render()).not.toContain(`value="propose"`);
    const finance = await createFinance();
    await signEvaluation(finance, application.id, { agree: true, note: "资金使用符合规定" });
    const evaluated = await load(bureauPage.loader, url, bureau.id, params);
    expect(evaluated.application.disbursementRefusal).toBeNull();
    expect(render()).toContain(`value="propose"`);
    const proposed = await propose(bureau, application.id);
    // Proposed, not yet paid: nothing more to propose, and the proposal waits for finance.
    await load(bureauPage.loader, url, bureau.id, params);
    expect(render()).not.toContain(`value="propose"`);
    expect(render()).toContain(translate("zh", "cosign.proposalStatus.PENDING"));
    await approveDisbursement(finance, { proposalId: proposed.proposalId, idempotencyKey: newKey() });

    await load(bureauPage.loader, url, bureau.id, params);
    const paid = render();
    expect(paid).not.toContain(`value="propose"`);
    expect(paid).toContain(translate("zh", "programmes.paidInFull"));
  });

  it("offers no 拨付 to a banned organisation, saying until when and why", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application, organisation } = await createApplication(programme.id);
    await addScores(application.id);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 40_000 });
    await ban(bureau, { organisationId: organisation.id, reason: "虚报项目成果" });

    const data = await load(
      bureauPage.loader,
      `/bureau/programmes/applications/${application.id}`,
      bureau.id,
      {
        id: application.id,
      },
    );
    expect(data.application.disbursementRefusal?.message).toBe("sanctions.errors.banned");
    const html = renderToString(createElement(bureauPage.default));
    expect(html).not.toContain(`value="propose"`);
    expect(html).toContain("虚报项目成果");
    expect(await refusalOf(propose(bureau, application.id))).toBe("sanction.banned");
  });
});

describe("a programme's page for a banned organisation", () => {
  it("says it is barred until the ban ends and why, and offers no apply button or form", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { organisation, head } = await createApplication(programme.id);
    const sanction = await ban(bureau, { organisationId: organisation.id, reason: "挪用专项资金" });
    const until = luoyangToday(sanction.endsAt!);

    const data = await load(programmePage.loader, `/programmes/${programme.id}`, head.id, {
      id: programme.id,
    });
    expect(data.eligibility).toEqual([
      expect.objectContaining({ id: organisation.id, ban: { reason: "挪用专项资金", until } }),
    ]);
    const html = renderToString(createElement(programmePage.default));
    expect(html).toContain(until);
    expect(html).toContain("挪用专项资金");
    expect(html).not.toContain(translate("zh", "programmes.eligible", { org: organisation.name }));
    expect(html).not.toContain('href="apply"');

    const apply = await load(applyPage.loader, `/programmes/${programme.id}/apply`, head.id, {
      id: programme.id,
    });
    expect(apply.options.organisations).toEqual([]);
    expect(await refusalOf(applyToProgramme(head, programme.id, applyFields(organisation.id)))).toBe(
      "sanction.banned",
    );
  });
});
