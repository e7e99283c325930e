import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The server render of the audit page pieces, as a phone without JavaScript receives it.
vi.mock("@remix-run/react", () => ({
  Form: ({ children, method, action, ...rest }: { children: ReactNode; method?: string; action?: string }) =>
    createElement("form", { method, action, ...rest }, children),
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) =>
    createElement("a", { href: to, ...rest }, children),
  useRouteLoaderData: () => ({ locale: "zh" }),
  // app/components/form.tsx reads where the page is and whether it is navigating.
  useLocation: () => ({ key: "default", pathname: "/" }),
  useNavigation: () => ({ state: "idle" }),
}));

const { AuditFilterForm, AuditRow, auditQuery } = await import("~/components/audit/audit-log");

describe("the audit filter form", () => {
  it("is a GET form to /bureau/audit filled from the current filters", () => {
    const html = renderToString(
      createElement(AuditFilterForm, {
        filters: {
          page: 2,
          action: "milestone.",
          actor: "李",
          from: "2026-03-01",
          subjectType: undefined,
          subjectId: undefined,
          to: undefined,
        },
      }),
    );
    expect(html).toMatch(/<form method="get" action="\/bureau\/audit"/);
    expect(html).toMatch(/name="action"[^>]*value="milestone\."/);
    expect(html).toMatch(/name="actor"[^>]*value="李"/);
    expect(html).toMatch(/name="from"[^>]*value="2026-03-01"/);
    expect(html).toContain('<option value="SpaceService">');
    expect(html).toMatch(/name="actor"[^>]*maxLength="60"/);
  });

  it("keeps only the filters that are set in links", () => {
    expect(auditQuery({ action: "need.", actor: undefined, subjectId: "", page: 3 })).toBe(
      "?action=need.&page=3",
    );
    expect(auditQuery({})).toBe("");
  });
});

describe("an audit row", () => {
  const row = {
    id: "1",
    at: "2026-03-01T16:30:00.000Z",
    actorName: null,
    action: "need.closed",
    subjectType: "Need",
    subjectId: "n1",
    subjectHref: "/needs/n1",
    ip: "10.0.0.1",
    changes: [
      { key: "status", before: '"OPEN"', after: '"CLOSED"' },
      { key: "closedAt", before: "", after: '"2026-03-02"' },
    ],
  };

  it("links the subject and lists the changed keys inside <details>", () => {
    const html = renderToString(createElement(AuditRow, { row }));
    expect(html).toContain('<a href="/needs/n1"');
    expect(html).toContain("系统");
    expect(html).toMatch(/<details[^>]*><summary[^>]*>查看变更（2 项）<\/summary>/);
    expect(html).toContain("变更前<!-- -->: <!-- -->&quot;OPEN&quot;");
    expect(html).toContain("变更前<!-- -->: <!-- -->—");
    expect(html).toContain("2026年3月2日");
  });

  it("has no <details> when nothing changed", () => {
    const html = renderToString(createElement(AuditRow, { row: { ...row, subjectHref: null, changes: [] } }));
    expect(html).not.toContain("<details");
    expect(html).not.toContain("<a ");
    expect(html).toContain("没有记录变更内容");
  });
});
