import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { DashboardFigures, YearFigures } from "~/modules/dashboard/dashboard.server";
import { COUNTIES, INDUSTRIES } from "~/modules/reference/reference";
import { PLAN_PEOPLE_KEYS } from "~/modules/reports/plan-people";

// The server render of /bureau/dashboard, as a phone without JavaScript receives it, from
// made-up figures (the figures themselves are tested against the database in tests/integration).
const year = (value: number, commissioners: number): YearFigures => ({
  year: value,
  spacesTotal: 2,
  spacesNew: 1,
  demosTotal: 1,
  demosNew: 0,
  commissioners,
  needsPosted: 4,
  needsMatched: 1,
  medianHours: null,
  fundedFen: 0,
  releasedFen: 12_345,
  disbursedFen: -500,
});
const figures: DashboardFigures = {
  filters: { countyCode: "410325" },
  years: [year(2025, 22), year(2026, 3)],
  targets: [
    { year: 2025, metric: "commissioners", min: 20, max: 30, actual: 22, met: true },
    { year: 2026, metric: "commissioners", min: 20, max: 30, actual: 3, met: false },
  ],
  escrowHeldFen: 17_655,
  counties: COUNTIES.map((county) => ({
    countyCode: county.code,
    spaces: 0,
    demos: 0,
    commissioners: 0,
    needsPosted: 0,
    needsMatched: 0,
    medianHours: null,
    releasedFen: 0,
    disbursedFen: 0,
    escrowFen: 0,
  })),
  industries: INDUSTRIES.map((industry) => ({
    industry: industry.code,
    needsPosted: 0,
    needsMatched: 0,
    releasedFen: 0,
    disbursedFen: 0,
  })),
  financing: {
    financingNeedsPosted: 2,
    financingMobilisedFen: 30_000_000,
    financingLoanFen: 30_000_000,
    financingGuaranteeFen: 0,
    financingEquityFen: 0,
  },
  linkage: {
    years: [2025, 2026].map((y) => ({
      year: y,
      householdsReached: y === 2026 ? 7 : 0,
      moneyToHouseholdsFen: y === 2026 ? 30_000 : 0,
      byMechanism: {
        DIVIDEND: y === 2026 ? 30_000 : 0,
        WAGE: 0,
        LAND_RENT: 0,
        CONTRACT_PURCHASE: 0,
        SHARES: 0,
      },
    })),
    counties: [],
  },
};
const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>图</text></svg>';

vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useRouteLoaderData: () => ({ locale: "zh" }),
  // app/components/form.tsx reads where the page is and whether it is navigating.
  useLocation: () => ({ key: "default", pathname: "/" }),
  useNavigation: () => ({ state: "idle" }),
  useLoaderData: () => ({
    figures,
    query: { countyCode: "410325", map: "needsPosted" },
    charts: { targets: svg, needs: svg, money: svg, map: svg },
    years: [2026, 2025],
    responseTimes: [
      {
        countyCode: "410325",
        targetHours: 72,
        published: 5,
        medianHours: 30.5,
        p90Hours: 80,
        withinTarget: 1,
        eligible: 4,
        unanswered: 2,
        overTarget: true,
      },
    ],
    leverage: {
      total: { publicFen: 30_000, matchedFen: 40_000, ratio: 1.33 },
      byYear: [{ year: 2026, publicFen: 30_000, matchedFen: 40_000, ratio: 1.33 }],
      byCounty: [{ countyCode: "410325", publicFen: 30_000, matchedFen: 40_000, ratio: 1.33 }],
      byProgramme: [],
      byProject: [],
    },
    plan: {
      year: 2026,
      countyCode: "410325",
      figures: Object.fromEntries(PLAN_PEOPLE_KEYS.map((key, index) => [key, index + 1])),
    },
  }),
}));

const { default: DashboardPage } = await import("./bureau.dashboard");

describe("the dashboard page without JavaScript", () => {
  const html = renderToString(createElement(DashboardPage));

  it("filters with a GET form that keeps the chosen county and map", () => {
    expect(html).toMatch(/<form method="get" action="\/bureau\/dashboard"/);
    expect(html).toMatch(/<option value="410325" selected="">嵩县<\/option>/);
    expect(html).toMatch(/<option value="needsPosted" selected="">/);
  });

  it("shows time to first response per county against the county's target, marking counties over it", () => {
    expect(html).toMatch(
      /<th scope="row"[^>]*>嵩县<span[^>]*>[^<]+<\/span><\/th><td[^>]*>5<\/td><td[^>]*>30.5<\/td><td[^>]*>80.0<\/td><td[^>]*>72<\/td>/,
    );
    expect(html).toContain("bg-red-50");
  });

  it("shows leverage, matched money per yuan of public money, by year and county", () => {
    expect(html).toContain("资金杠杆");
    expect(html.match(/1 : 1\.33/g)).toHaveLength(4);
  });

  it("shows the people of the plan for the year and county, each figure under its group", () => {
    expect(html).toContain("计划中的人与机制");
    expect(html).toContain("2026年 · 嵩县");
    expect(html).toMatch(/贫困村与贫困户[\s\S]*data-figure="villagesPoor"[^>]*>1</);
    expect(html).toMatch(/data-figure="localTalentServing"[^>]*>\d+</);
    // Money in yuan: moneyToHouseholdsFen is the sixth figure, 6 fen.
    expect(html).toMatch(/data-figure="moneyToHouseholdsFen"[^>]*>[^<]*0\.06</);
  });

  it("says which targets are met, year by year", () => {
    expect(html).toContain("每年选派20—30名科技特派员（团队）");
    expect(html).toContain("已完成");
    expect(html).toContain("未完成");
  });

  it("follows each chart with its figures in a table, and links to the exports with the filters", () => {
    expect(html.match(/<details>/g)).toHaveLength(4);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain("-¥5");
    expect(html).toContain('href="/bureau/dashboard.csv?countyCode=410325"');
    expect(html).toContain('href="/bureau/dashboard.xlsx?countyCode=410325"');
  });
});
