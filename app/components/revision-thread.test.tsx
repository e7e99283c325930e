import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { RevisionView } from "./revision-thread";

// The server render, as a phone without JavaScript receives it; Remix's pieces become plain elements.
vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  useNavigation: () => ({ state: "idle" }),
  useRouteLoaderData: () => ({ locale: "zh" }),
  useLocation: () => ({ key: "default", pathname: "/" }),
}));

const { RevisionThread } = await import("./revision-thread");

const revision = (overrides: Partial<RevisionView>): RevisionView => ({
  id: "r0",
  number: 0,
  side: "APPLICANT",
  authorName: "张明",
  approach: "现场取样后调整灭菌流程",
  timeline: "一个月内完成",
  arrangement: "TECH_CONTRACT",
  priceFen: 1_200_000,
  note: "",
  status: "ACCEPTED",
  outcome: "ORIGINAL",
  createdAt: "2026-03-01T02:00:00.000Z",
  ...overrides,
});

function thread(revisions: RevisionView[], current: { priceFen: number }) {
  return renderToString(
    createElement(RevisionThread, {
      applicationId: "a1",
      revisions,
      side: "APPLICANT",
      open: true,
      arrangements: ["TECH_CONTRACT", "PAID_SERVICE"],
      current: { timeline: "一个月内完成", arrangement: "TECH_CONTRACT", ...current },
      redirectTo: "/needs/n1",
    }),
  );
}

describe("the counter-offer thread", () => {
  it("starts the expert's counter form from the poster's open proposal, not the old price", () => {
    const html = thread(
      [
        revision({}),
        revision({
          id: "r1",
          number: 1,
          side: "POSTER",
          authorName: "王建国",
          priceFen: 938_272,
          timeline: "三周内完成",
          arrangement: "PAID_SERVICE",
          status: "PROPOSED",
          outcome: "PROPOSED",
        }),
      ],
      { priceFen: 1_200_000 },
    );
    expect(html).toMatch(/name="price"[^>]*value="9382.72"|value="9382.72"[^>]*name="price"/);
    expect(html).toMatch(/name="timeline"[^>]*value="三周内完成"|value="三周内完成"[^>]*name="timeline"/);
    expect(html).not.toContain('value="12000"');
  });

  it("labels the original replaced and only the accepted counter-offer 已接受, with exact prices", () => {
    const html = thread(
      [
        revision({ outcome: "REPLACED" }),
        revision({ id: "r1", number: 1, side: "POSTER", priceFen: 938_272, outcome: "ACCEPTED" }),
      ],
      { priceFen: 938_272 },
    );
    expect(html.match(/已接受/g)).toHaveLength(1);
    expect(html).toContain("已被接受的还价取代");
    expect(html).toContain("¥9,382.72");
    expect(html).toContain("¥12,000");
    expect(html).not.toContain("万元");
  });
});
