import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningDatabase } from "../../server/embedded-postgres";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { shownHtml, waitUntil } from "../support/fault-helpers";

/*
 * Fault 2: the database stops under a running app (an external DATABASE_URL). Pages answer a
 * translated 503 that needs no database, /healthz fails, and when PostgreSQL is back on its port
 * the same app process serves again — no restart.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-extdb-"));
const log = pino({ level: "silent" });
let database: RunningDatabase | undefined;
let app: AppProcess | undefined;

afterAll(async () => {
  await app?.stop();
  await database?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the database stopped under a running app", () => {
  it("answers a friendly 503 and a failing /healthz, then recovers without a restart", async () => {
    database = await startEmbeddedPostgres(dir, log);
    const port = Number(new URL(database.url).port);
    // The app applies the migrations itself at start, as in production.
    app = await startAppProcess({ DATABASE_URL: database.url, SEED_DEMO: "false" });
    expect((await fetch(`${app.url}/`)).status).toBe(200);

    await database.stop();
    database = undefined;
    const health = await waitUntil(
      async () => {
        const response = await fetch(`${app!.url}/healthz`);
        return response.status === 503 ? response : undefined;
      },
      10_000,
      "/healthz to fail",
    );
    expect(await health.json()).toEqual({ status: "unavailable", database: "down" });

    const zh = await fetch(`${app.url}/needs`);
    expect(zh.status).toBe(503);
    expect(zh.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await zh.text();
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain("乡科正在恢复中");
    expect(page).not.toMatch(/<script/i);
    const en = await fetch(`${app.url}/`, { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(en.status).toBe(503);
    expect(await en.text()).toContain("XiangKe is recovering");
    // A form post meets the same page, not a stack trace.
    const post = await fetch(`${app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ identifier: "13800000001", password: "x" }),
    });
    expect(post.status).toBe(503);

    // PostgreSQL comes back on the same port; the same app process serves again within seconds.
    const pid = app.pid;
    database = await startEmbeddedPostgres(dir, log, { port });
    await waitUntil(async () => (await fetch(`${app!.url}/healthz`)).ok, 10_000, "/healthz to recover");
    const home = await fetch(`${app.url}/needs`);
    expect(home.status).toBe(200);
    expect(shownHtml(await home.text())).not.toContain("乡科正在恢复中");
    expect(app.pid).toBe(pid);
    process.kill(pid, 0); // still the same, running process
  }, 120_000);
});
