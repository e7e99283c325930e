import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { termsFormDefaults } from "~/modules/agreements/agreements.schema";
import type { AgreementTerms } from "~/modules/agreements/terms";

// The server render of the agreement pieces, as a phone without JavaScript receives it. Remix's
// components are replaced by plain elements: what matters here is the HTML the pieces produce.
vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useNavigation: () => ({ state: "idle" }),
  useRouteLoaderData: () => ({ locale: "zh" }),
  // app/components/form.tsx reads where the page is and whether it is navigating.
  useLocation: () => ({ key: "default", pathname: "/" }),
}));

const { TermsForm } = await import("./+agreement-terms-form");
const { TermsView } = await import("~/components/agreements/agreement-views");
const { ComponentClauses } = await import("~/components/agreements/contract-print");

const terms: AgreementTerms = {
  title: "香菇菌棒污染防治技术承包",
  startDate: "2026-05-01",
  endDate: "2027-04-30",
  reviewWindowDays: 14,
  components: [
    {
      type: "TECH_CONTRACT",
      feeFen: 1_200_000,
      milestones: [
        {
          title: "现场诊断",
          deliverables: "诊断报告",
          acceptanceCriteria: "合作社确认",
          amountFen: 1_200_000,
          dueDate: "2026-06-30",
        },
      ],
    },
    {
      type: "REVENUE_SHARE",
      shareBp: 1250,
      base: "PROFIT",
      period: "QUARTER",
      startDate: "2026-07-01",
      termMonths: 24,
      floorFen: 100_000,
    },
    {
      type: "TECH_EQUITY",
      enterpriseName: "栾川协心菌业有限公司",
      valuationFen: 50_000_000,
      equityBp: 500,
      vestingStart: "2026-05-01",
      vestingMonths: 36,
      cliffMonths: 12,
    },
  ],
};

describe("the terms form without JavaScript", () => {
  const html = renderToString(
    createElement(TermsForm, { defaults: termsFormDefaults(terms), lastResult: undefined }),
  );

  it("posts every field under the names the schema reads, filled from the stored terms", () => {
    expect(html).toContain('name="components[0].milestones[0].amount"');
    expect(html).toMatch(/name="components\[0\]\.fee"[^>]*value="12000"/);
    expect(html).toMatch(/name="components\[1\]\.sharePercent"[^>]*value="12.5"/);
    expect(html).toMatch(/type="hidden" name="components\[2\]\.type" value="TECH_EQUITY"/);
  });

  it("adds and removes list items with submit buttons that carry conform's intent", () => {
    const intents = [...html.matchAll(/name="__intent__" value="([^"]+)"/g)].map(
      (m) =>
        JSON.parse(m[1]!.replaceAll("&quot;", '"')) as {
          type: string;
          payload: { name: string; defaultValue?: { type?: string } };
        },
    );
    expect(intents).toContainEqual(
      expect.objectContaining({
        type: "insert",
        payload: expect.objectContaining({ name: "components[0].milestones" }),
      }),
    );
    expect(intents).toContainEqual(
      expect.objectContaining({ type: "remove", payload: { name: "components", index: 1 } }),
    );
    // Only the arrangements not already in the terms can be added.
    expect(
      intents
        .filter((i) => i.type === "insert" && i.payload.name === "components")
        .map((i) => i.payload.defaultValue?.type)
        .sort(),
    ).toEqual(["GRANT_FUNDED", "PAID_SERVICE"]);
  });
});

describe("the terms as people read them", () => {
  it("shows money, shares and vesting in Chinese", () => {
    const html = renderToString(createElement(TermsView, { terms }));
    expect(html).toContain("里程碑 1：现场诊断");
    expect(html).toContain("利润的 12.5%");
    expect(html).toContain("锁定期 12 个月");
  });

  it("writes contract amounts in figures and Chinese capitals", () => {
    const html = renderToString(
      createElement(ComponentClauses, { component: terms.components[0]!, firstPosition: 1 }),
    );
    expect(html).toContain("人民币 12,000.00 元（大写：壹万贰仟元整）");
  });
});
