import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The server render, as a phone without JavaScript receives it; Remix's pieces become plain elements.
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

const { KpiSection, SpaceCard } = await import("./space-views");
const { RequestCard } = await import("./request-card");

describe("space pieces", () => {
  it("show a recognised space's card with its figures", () => {
    const html = renderToString(
      createElement(SpaceCard, {
        space: {
          id: "s1",
          name: "栾川星创天地",
          nameEn: null,
          countyCode: "410324",
          verifiedAt: null,
          profile: {
            level: "PROVINCIAL",
            recognisedAt: "2026-01-01",
            host: "农业科技园区",
            areaSqm: 1200,
            latitude: 34.62,
            longitude: 112.45,
            openingHours: "周一至周五",
          },
          servicesPublished: 3,
          requestsCompleted: 7,
          averageRating: 4.5,
        },
      }),
    );
    expect(html).toContain("已认定 · 省级");
    expect(html).toContain('href="/spaces/s1"');
    expect(html).toContain("在线服务 3 项");
    expect(html).toContain("平均评分 4.5");
    expect(html).toContain("北纬 34.6200，东经 112.4500");
  });

  it("show the yearly figures as tables, money in yuan", () => {
    const html = renderToString(
      createElement(KpiSection, {
        computed: [
          {
            year: 2026,
            servicesPublished: 2,
            requestsReceived: 4,
            requestsAccepted: 2,
            requestsCompleted: 1,
            acceptanceRate: 2 / 3,
            medianDaysToRespond: 1.5,
            averageRating: null,
            trainingsHeld: 1,
          },
        ],
        reports: [
          {
            year: 2025,
            incubated: 5,
            mentors: 8,
            trainingsHeld: 12,
            peopleTrained: 340,
            jobsCreated: 25,
            financingFen: 150_000_000,
          },
        ],
      }),
    );
    expect(html).toContain("67%");
    expect(html).toContain('<th scope="row" class="py-1 pr-3 text-left">2025</th>');
    expect(html).toContain("¥1,500,000");
  });

  it("show a request to the space with a way to message the requester", () => {
    const html = renderToString(
      createElement(RequestCard, {
        side: "space",
        request: {
          id: "r1",
          status: "SUBMITTED",
          description: "需要检测香菇农残",
          countyCode: "410324",
          village: "庙子村",
          preferredDate: null,
          response: null,
          rating: null,
          feedback: null,
          createdAt: "2026-03-01T02:00:00Z",
          requesterId: "u1",
          organisationId: "s1",
          service: { id: "v1", title: "农残检测" },
          space: { id: "s1", name: "栾川星创天地", nameEn: null },
          requester: { id: "u1", displayName: "王大姐" },
        },
      }),
    );
    expect(html).toContain("待答复");
    expect(html).toContain("申请人：王大姐");
    expect(html).toMatch(/action="\/messages\/direct"/);
    expect(html).toContain('value="u1"');
  });
});
