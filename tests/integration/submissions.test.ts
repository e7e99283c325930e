import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ActionFunction } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { guardAction, pagePath, peekSubmissionKey } from "~/modules/submissions/submission-guard.server";
import { claimSubmission, forgetOldSubmissions } from "~/modules/submissions/submissions.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as newNeedAction } from "~/routes/needs/needs.new";
import { useTestDatabase } from "../support/database";
import { createVillage } from "../support/needs-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-submissions-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.9.0.1" };
const guardedNewNeed = guardAction(newNeedAction as ActionFunction);

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.9.0.1" }));
}

function needForm(key: string, organisationId: string, overrides: Record<string, string> = {}) {
  const form = new FormData();
  form.append("_submission", key);
  const fields: Record<string, string> = {
    intent: "publish",
    title: "核桃青皮脱皮机选型",
    description: "今年核桃产量约二十吨，人工脱青皮太慢，想了解适合小型合作社的脱皮清洗设备。",
    industry: "AGRI_PROCESSING",
    countyCode: "410328",
    budgetMax: "15000",
    arrangements: "PAID_SERVICE",
    urgency: "NORMAL",
    kind: "TECHNICAL",
    organisationId,
    ...overrides,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

function post(body: FormData | URLSearchParams, cookie: string, url = "http://localhost/needs/new") {
  return new Request(url, { method: "POST", body, headers: { cookie } });
}

async function run(action: ActionFunction, request: Request) {
  return (await action({ request, context, params: {} })) as unknown;
}

describe("one-time form submissions", () => {
  it("posts a need once however often the same form is sent at the same moment", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const before = await db.need.count({ where: { organisationId: organisation.id } });
    const key = "double-tap-key-0000000001";
    const answers = (await Promise.all(
      [1, 2, 3].map(() => run(guardedNewNeed, post(needForm(key, organisation.id), cookie))),
    )) as Response[];
    expect(await db.need.count({ where: { organisationId: organisation.id } })).toBe(before + 1);
    const locations = answers.map((answer) => answer.headers.get("location"));
    expect(locations[0]).toMatch(/^\/needs\/\w+$/);
    expect(new Set(locations).size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get("x-submission-replayed") === "1")).toHaveLength(2);
  });

  it("answers a resend after the answer was lost with the first outcome", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const key = "resend-after-drop-0000001";
    const first = (await run(guardedNewNeed, post(needForm(key, organisation.id), cookie))) as Response;
    const again = (await run(guardedNewNeed, post(needForm(key, organisation.id), cookie))) as Response;
    expect(again.status).toBe(first.status);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await db.need.count({ where: { organisationId: organisation.id } })).toBe(1);
  });

  it("lets a refused submission be corrected and sent again with the same key", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const key = "refused-then-fixed-000001";
    const refused = (await run(
      guardedNewNeed,
      post(needForm(key, organisation.id, { title: "核" }), cookie),
    )) as {
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    const fixed = (await run(guardedNewNeed, post(needForm(key, organisation.id), cookie))) as Response;
    expect(fixed.status).toBe(302);
    expect(await db.need.count({ where: { organisationId: organisation.id } })).toBe(1);
  });

  it("acts anew when the same key comes with other words (a form kept in an old copy of the page)", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const key = "old-copy-of-the-page-0001";
    await run(guardedNewNeed, post(needForm(key, organisation.id), cookie));
    const other = (await run(
      guardedNewNeed,
      post(needForm(key, organisation.id, { title: "另一个需求：苹果冷库选址" }), cookie),
    )) as Response;
    expect(other.headers.get("x-submission-replayed")).toBeNull();
    expect(await db.need.count({ where: { organisationId: organisation.id } })).toBe(2);
  });

  it("does not answer one session with another session's outcome", async () => {
    const first = await createVillage();
    const second = await createVillage();
    const key = "shared-key-between-users1";
    await run(guardedNewNeed, post(needForm(key, first.organisation.id), await cookieFor(first.head.id)));
    const other = (await run(
      guardedNewNeed,
      post(needForm(key, second.organisation.id), await cookieFor(second.head.id)),
    )) as Response;
    expect(other.headers.get("x-submission-replayed")).toBeNull();
    expect(await db.need.count({ where: { organisationId: second.organisation.id } })).toBe(1);
  });

  it("acts again when a form carries no key (old pages, scripts)", async () => {
    const calls: number[] = [];
    const action = guardAction(async () => {
      calls.push(1);
      return { ok: true };
    });
    const body = new URLSearchParams({ intent: "x" });
    await run(action, post(body, ""));
    await run(action, post(new URLSearchParams({ intent: "x" }), ""));
    expect(calls).toHaveLength(2);
  });

  it("keeps a returned value and hands it to the repeat; an exception frees the key", async () => {
    let calls = 0;
    const action = guardAction(async () => {
      calls += 1;
      if (calls === 1) throw new Error("database went away");
      return { ok: true, calls };
    });
    const body = () => new URLSearchParams({ _submission: "value-outcome-key-000001", intent: "x" });
    await expect(run(action, post(body(), ""))).rejects.toThrow("database went away");
    const second = await run(action, post(body(), ""));
    const third = (await run(action, post(body(), ""))) as { data: unknown; init: { status: number } };
    expect(second).toEqual({ ok: true, calls: 2 });
    expect(third.data).toEqual({ ok: true, calls: 2 });
    expect(calls).toBe(2);
  });

  it("lets a later request take over a key whose first request died mid-write", async () => {
    await db.formSubmission.create({
      data: {
        key: "died-mid-write-key-000001",
        path: "/needs/new",
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    await expect(
      claimSubmission("died-mid-write-key-000001", null, "/needs/new", null, 1000),
    ).resolves.toEqual({
      kind: "first",
    });
  });

  it("forgets submissions after two days", async () => {
    await db.formSubmission.create({
      data: { key: "old-submission-key-000001", path: "/", createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    expect(await forgetOldSubmissions(new Date("2026-01-04T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await db.formSubmission.findUnique({ where: { key: "old-submission-key-000001" } })).toBeNull();
  });
});

describe("reading the key", () => {
  it("finds it in url-encoded and multipart bodies without consuming the body", async () => {
    const encoded = post(new URLSearchParams({ _submission: "abcdefghijklmnop-1", title: "x" }), "");
    expect(await peekSubmissionKey(encoded)).toBe("abcdefghijklmnop-1");
    expect((await encoded.formData()).get("title")).toBe("x");
    const form = new FormData();
    form.append("_submission", "abcdefghijklmnop-2");
    form.append("photo", new File([new Uint8Array(10_000)], "a.jpg", { type: "image/jpeg" }));
    const multipart = post(form, "");
    expect(await peekSubmissionKey(multipart)).toBe("abcdefghijklmnop-2");
    expect(((await multipart.formData()).get("photo") as File).size).toBe(10_000);
  });

  it("ignores a missing, malformed or JSON key", async () => {
    expect(await peekSubmissionKey(post(new URLSearchParams({ title: "x" }), ""))).toBeNull();
    expect(await peekSubmissionKey(post(new URLSearchParams({ _submission: "short" }), ""))).toBeNull();
    expect(
      await peekSubmissionKey(post(new URLSearchParams({ _submission: "bad key with spaces!!" }), "")),
    ).toBeNull();
    const json = new Request("http://localhost/x", {
      method: "POST",
      body: JSON.stringify({ _submission: "abcdefghijklmnop-3" }),
      headers: { "content-type": "application/json" },
    });
    expect(await peekSubmissionKey(json)).toBeNull();
  });

  it("names the page behind a single-fetch request", () => {
    expect(pagePath(new URL("http://x/needs/new.data"))).toBe("/needs/new");
    expect(pagePath(new URL("http://x/_root.data?index"))).toBe("/?index=");
    expect(pagePath(new URL("http://x/agreements/a1.data?_routes=r"))).toBe("/agreements/a1");
  });
});
