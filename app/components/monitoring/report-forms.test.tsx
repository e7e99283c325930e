import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The server render of the progress-report form, as a phone without JavaScript receives it.
vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useRouteLoaderData: () => ({ locale: "zh" }),
  useLocation: () => ({ key: "default", pathname: "/" }),
  useNavigation: () => ({ state: "idle" }),
  useActionData: () => undefined,
}));

const { ProgressReportForm } = await import("./report-forms");

describe("the progress-report form on a phone", () => {
  it("shows three payment rows and folds the other five away, still inside the form", () => {
    const html = renderToString(createElement(ProgressReportForm, { period: 1 }));
    const [open, folded] = html.split("<details");
    expect(open!.match(/第 \d 笔 · 科目/g)).toEqual(["第 1 笔 · 科目", "第 2 笔 · 科目", "第 3 笔 · 科目"]);
    expect(folded).toContain("还有 5 笔，需要时展开");
    expect(folded!.match(/第 \d 笔 · 科目/g)).toHaveLength(5);
    // Closed when empty, and the folded rows are part of the same form (sent when closed).
    expect(html).toMatch(/<details class="[^"]*">/);
    expect(html.indexOf("</form>")).toBeGreaterThan(html.indexOf("第 8 笔 · 科目"));
  });

  it("opens the fold when a returned form holds a value in a folded row", () => {
    const html = renderToString(
      createElement(ProgressReportForm, {
        period: 1,
        lastResult: {
          status: "error",
          initialValue: { period: "1", progress: "进展", spending: [{}, {}, {}, { payeeName: "洛阳农资" }] },
          error: { "spending[3].amount": ["请填写金额"] },
        },
      }),
    );
    expect(html).toMatch(/<details open=""/);
  });
});
