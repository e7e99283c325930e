import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { AUDIT_CSV_LIMIT } from "~/modules/audit/audit-log.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { loader as auditLoader } from "~/routes/bureau/bureau.audit";
import { loader as csvLoader } from "~/routes/bureau/bureau.audit[.]csv";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { createBureau, createVillage } from "../support/needs-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.7.0.1" }));
}

let bureauCookie: Promise<string> | undefined;
function asBureau() {
  bureauCookie ??= createBureau().then((user) => cookieFor(user.id));
  return bureauCookie;
}

async function page(query: string, cookie?: string) {
  return auditLoader({
    request: new Request(`http://localhost/bureau/audit${query}`, {
      headers: { cookie: cookie ?? (await asBureau()) },
    }),
    context,
    params: {},
  });
}

async function csv(query: string) {
  const response = await csvLoader({
    request: new Request(`http://localhost/bureau/audit.csv${query}`, {
      headers: { cookie: await asBureau() },
    }),
    context,
    params: {},
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

type Entry = {
  actorId?: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: object;
  after?: object;
  ip?: string;
  createdAt?: Date;
};
function record(...entries: Entry[]) {
  return db.auditLog.createMany({ data: entries.map((entry) => ({ actorId: null, ...entry })) });
}

describe("/bureau/audit permissions", () => {
  it("is refused to a village user (403) and sends a visitor to the login page", async () => {
    const village = await createVillage();
    const cookie = await cookieFor(village.head.id);
    await expect(page("", cookie)).rejects.toMatchObject({ status: 403 });
    await expect(
      csvLoader({
        request: new Request("http://localhost/bureau/audit.csv", { headers: { cookie } }),
        context,
        params: {},
      }),
    ).rejects.toMatchObject({ status: 403 });
    const visitor = await page("", "").catch((response: Response) => response);
    expect((visitor as Response).status).toBe(302);
    expect((visitor as Response).headers.get("location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: "/bureau/audit" })}`,
    );
  });
});

describe("/bureau/audit filters", () => {
  it("finds the actor by a fragment of name, phone (typed with spaces) or e-mail", async () => {
    const byPhone = await createUser({ role: "EXPERT", displayName: "李桂兰", phone: "+8613712345678" });
    const byEmail = await createUser({
      role: "EXPERT",
      displayName: "王建国",
      email: "Wang.JianGuo@haust.edu.cn",
    });
    await record(
      { actorId: byPhone.id, action: "actor.test", subjectType: "ActorTest", subjectId: "p" },
      { actorId: byEmail.id, action: "actor.test", subjectType: "ActorTest", subjectId: "e" },
      { action: "actor.test", subjectType: "ActorTest", subjectId: "system" },
    );
    const ids = async (query: string) =>
      (await page(`?subjectType=ActorTest&${query}`)).rows.map((row) => row.subjectId).sort();
    expect(await ids(`actor=${encodeURIComponent("桂兰")}`)).toEqual(["p"]);
    expect(await ids(`actor=${encodeURIComponent("137 1234")}`)).toEqual(["p"]);
    expect(await ids("actor=wang.jianguo%40HAUST")).toEqual(["e"]);
    expect(await ids("actor=nobody-like-this")).toEqual([]);
    expect(await ids("actor=%25")).toEqual([]);
    expect(await ids("")).toEqual(["e", "p", "system"]);
    const rows = (await page("?subjectType=ActorTest&subjectId=system")).rows;
    expect(rows.map((row) => row.actorName)).toEqual([null]);
    expect((await page("?subjectType=ActorTest&subjectId=p")).rows[0]).toMatchObject({ actorName: "李桂兰" });
  });

  it("matches an action by prefix without treating _ or % as wildcards", async () => {
    await record(
      { action: "milestone.funded", subjectType: "ActionTest", subjectId: "1" },
      { action: "milestone.released", subjectType: "ActionTest", subjectId: "2" },
      { action: "milestones_summary", subjectType: "ActionTest", subjectId: "3" },
      { action: "need.published", subjectType: "ActionTest", subjectId: "4" },
    );
    const ids = async (action: string) =>
      (await page(`?subjectType=ActionTest&action=${encodeURIComponent(action)}`)).rows
        .map((row) => row.subjectId)
        .sort();
    expect(await ids("milestone.")).toEqual(["1", "2"]);
    expect(await ids("milestone.released")).toEqual(["2"]);
    expect(await ids("milestone_")).toEqual([]);
    expect(await ids("milestone")).toEqual(["1", "2", "3"]);
  });

  it("filters by subject and by whole days in Asia/Shanghai", async () => {
    await record(
      // 2026-03-02 00:30 in Luoyang, still 1 March in UTC.
      {
        action: "need.published",
        subjectType: "Need",
        subjectId: "need-1",
        createdAt: new Date("2026-03-01T16:30:00Z"),
      },
      {
        action: "need.closed",
        subjectType: "Need",
        subjectId: "need-1",
        createdAt: new Date("2026-03-01T15:59:59Z"),
      },
      {
        action: "need.published",
        subjectType: "Need",
        subjectId: "need-2",
        createdAt: new Date("2026-03-01T16:00:00Z"),
      },
    );
    const actions = async (query: string) =>
      (await page(`?subjectType=Need&${query}`)).rows.map((row) => `${row.subjectId} ${row.action}`);
    expect(await actions("subjectId=need-1")).toEqual(["need-1 need.published", "need-1 need.closed"]);
    expect(await actions("from=2026-03-02&to=2026-03-02")).toEqual([
      "need-1 need.published",
      "need-2 need.published",
    ]);
    expect(await actions("to=2026-03-01")).toEqual(["need-1 need.closed"]);
    expect(await actions("from=2026-03-03")).toEqual([]);
  });

  it("shows a subject link for types with a page and only the keys that changed", async () => {
    await record(
      {
        action: "need.closed",
        subjectType: "Need",
        subjectId: "n-9",
        before: { status: "OPEN", title: "苹果" },
        after: { status: "CLOSED", title: "苹果" },
        ip: "10.1.2.3",
      },
      { action: "user.registered", subjectType: "User", subjectId: "u-9", after: { role: "FARMER" } },
    );
    const [need] = (await page("?subjectId=n-9")).rows;
    expect(need).toMatchObject({
      subjectHref: "/needs/n-9",
      ip: "10.1.2.3",
      changes: [{ key: "status", before: '"OPEN"', after: '"CLOSED"' }],
    });
    const [user] = (await page("?subjectId=u-9")).rows;
    expect(user).toMatchObject({
      subjectHref: null,
      changes: [{ key: "role", before: "", after: '"FARMER"' }],
    });
  });

  it("pages 50 rows at a time, newest first, without overlap", async () => {
    const start = Date.parse("2025-06-01T00:00:00Z");
    await record(
      ...Array.from({ length: 120 }, (_, i) => ({
        action: "paging.test",
        subjectType: "PagingTest",
        subjectId: String(i),
        createdAt: new Date(start + i * 60_000),
      })),
    );
    const first = await page("?subjectType=PagingTest");
    expect(first).toMatchObject({ total: 120, pages: 3, filters: { page: 1 } });
    expect(first.rows.map((row) => row.subjectId).slice(0, 3)).toEqual(["119", "118", "117"]);
    const second = await page("?subjectType=PagingTest&page=2");
    const third = await page("?subjectType=PagingTest&page=3");
    expect([first, second, third].map((result) => result.rows.length)).toEqual([50, 50, 20]);
    const seen = [first, second, third].flatMap((result) => result.rows.map((row) => Number(row.subjectId)));
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
    expect((await page("?subjectType=PagingTest&page=4")).rows).toEqual([]);
  });

  it("answers malformed parameters with a page, ignoring what it cannot read", async () => {
    const queries = [
      "?page=abc&from=2026-13-45&to=yesterday",
      "?page=-3&action=%25%27%3B+drop+table&subjectType=%3Cscript%3E",
      `?page=99999999999999999999&actor=${"长".repeat(500)}&subjectId=${"x".repeat(500)}`,
      "?action=&subjectType=&from=&page=1.5",
      "?actor=%00%01&page=2&page=x",
    ];
    for (const query of queries) {
      const result = await page(query);
      expect(result.filters, query).toEqual({
        page: 1,
        actor: undefined,
        action: undefined,
        subjectType: undefined,
        subjectId: undefined,
        from: undefined,
        to: undefined,
      });
      expect(result.rows.length, query).toBeGreaterThan(0);
    }
    // A broken percent escape is read as text (with U+FFFD) and simply matches nobody.
    expect(await page("?actor=%E0%A4%A")).toMatchObject({
      rows: [],
      total: 0,
      filters: { actor: "\uFFFD%A" },
    });
  });
});

describe("/bureau/audit.csv", () => {
  it("exports the filtered rows with a byte-order mark and cells a spreadsheet cannot run", async () => {
    const mallory = await createUser({ role: "EXPERT", displayName: '=HYPERLINK("http://evil","x")' });
    await record({
      actorId: mallory.id,
      action: "offer.updated",
      subjectType: "CsvTest",
      subjectId: "-1+2",
      before: { title: "旧, 标题" },
      after: { title: "@SUM(A1)" },
      ip: "10.9.9.9",
      createdAt: new Date("2026-01-31T16:30:05Z"),
    });
    const { response, bytes } = await csv("?subjectType=CsvTest&page=7");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="audit-log.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")).toEqual([
      "时间,操作人,动作,对象类型,对象编号,IP,变更前,变更后",
      `2026-02-01 00:30:05,"'=HYPERLINK(""http://evil"",""x"")",offer.updated,CsvTest,'-1+2,10.9.9.9,"{""title"":""旧, 标题""}","{""title"":""@SUM(A1)""}"`,
      "",
    ]);
  });

  it(`stops at ${AUDIT_CSV_LIMIT} rows, newest first, and says so in the last line`, async () => {
    const start = Date.parse("2024-01-01T00:00:00Z");
    await record(
      ...Array.from({ length: AUDIT_CSV_LIMIT + 5 }, (_, i) => ({
        action: "bulk.test",
        subjectType: "BulkTest",
        subjectId: String(i),
        createdAt: new Date(start + i * 1000),
      })),
    );
    const lines = new TextDecoder().decode((await csv("?subjectType=BulkTest")).bytes).split("\r\n");
    expect(lines).toHaveLength(1 + AUDIT_CSV_LIMIT + 1 + 1);
    expect(lines[1]).toContain(`,BulkTest,${AUDIT_CSV_LIMIT + 4},`);
    expect(lines[AUDIT_CSV_LIMIT]).toContain(",BulkTest,5,");
    expect(lines.at(-2)).toBe(`仅导出了最新的 ${AUDIT_CSV_LIMIT} 条记录；请缩小筛选范围后再导出其余记录。`);

    const whole = new TextDecoder().decode((await csv("?subjectType=BulkTest&subjectId=3")).bytes);
    expect(whole).not.toContain("仅导出");
  });
});
