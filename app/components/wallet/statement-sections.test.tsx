import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) =>
    createElement("form", { method, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useNavigation: () => ({ state: "idle" }),
  useRouteLoaderData: () => ({ locale: "zh" }),
  useLocation: () => ({ key: "default", pathname: "/" }),
}));

const { StatementLines } = await import("./statement-sections");

const line = (entryId: string, amountFen: number, balanceFen: number) => ({
  entryId,
  reason: "DEPOSIT" as const,
  amountFen,
  balanceFen,
  at: "2026-03-01T02:00:00.000Z",
  counterpartyLabel: "平台清算账户（银行往来）",
  description: "洛阳市栾川县香菇合作社 BANK-1",
});

describe("statement lines", () => {
  it("show every amount and running balance to the fen, never rounded to 万元", () => {
    const html = renderToString(
      createElement(StatementLines, {
        lines: [
          line("3", 100_000_000, 101_938_273),
          line("2", 1, 1_938_273),
          line("1", 1_938_272, 1_938_272),
        ],
      }),
    );
    for (const text of ["¥1,000,000", "¥1,019,382.73", "¥0.01", "¥19,382.73", "¥19,382.72"])
      expect(html).toContain(text);
    expect(html).not.toContain("万元");
    expect(html).toContain("BANK-1");
  });
});
