import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { assertBuiltServer, BUILT_SERVER, startAppProcess, type AppProcess } from "../support/app-process";
import { useTestDatabase } from "../support/database";

// The production server is the JavaScript `npm run build` makes (docs/decisions/043).
assertBuiltServer();

function startWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_SERVER], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("starting the server with a malformed environment", () => {
  it("stops at once and names the variable that is wrong", async () => {
    const result = await startWith({ PORT: "eighty", DATABASE_URL: "mysql://root@localhost/xiangke" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("XiangKe cannot start");
    expect(result.stderr).toMatch(/PORT: must be a port number/);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});

describe("the built server", () => {
  it("carries no copy of the app's modules: it takes them from the Remix build", () => {
    const meta = JSON.parse(readFileSync(path.join(path.dirname(BUILT_SERVER), "meta.json"), "utf8")) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((input) => input.startsWith("app/"))).toEqual([]);
    expect(inputs).toContain("server/start.ts");
    expect(inputs).toContain("remix-build-module:~/db.server");
    expect(inputs).toContain("remix-build-module:~/modules/indexing/engine.server");
    // Nor TypeScript's loader nor Vite: production loads neither.
    const code = readFileSync(BUILT_SERVER, "utf8");
    expect(code).not.toMatch(/from "tsx"|from "vite"/);
  });

  describe("against an already-migrated database", () => {
    const database = useTestDatabase();
    let app: AppProcess | undefined;
    afterAll(async () => {
      await app?.stop();
    });

    it("listens, serves a page and says how long it took to be ready", async () => {
      const started = performance.now();
      app = await startAppProcess(
        { DATABASE_URL: database.url(), SEED_DEMO: "false", LOG_LEVEL: "info" },
        { captureOutput: true },
      );
      const untilHealthy = performance.now() - started;
      const page = await fetch(`${app.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");

      const line = app
        .output()
        .split("\n")
        .find((text) => text.includes('"readyMs"'));
      expect(line, app.output()).toBeDefined();
      const ready = JSON.parse(line!) as {
        readyMs: number;
        totalMs: number;
        migrateMs: number;
        seedMs: number;
      };
      console.log(
        `built server: ready in ${ready.readyMs} ms (total ${ready.totalMs} ms, migrations ${ready.migrateMs} ms, ` +
          `seed ${ready.seedMs} ms); spawn to a healthy /healthz ${Math.round(untilHealthy)} ms`,
      );
      expect(ready.seedMs).toBe(0);
      expect(ready.readyMs).toBeGreaterThan(0);
      expect(ready.readyMs).toBeLessThanOrEqual(ready.totalMs);
      // The target is 3 s on a quiet 2-core machine (measured: docs/decisions/043). Tests share
      // two cores with other work and one loaded run took 9 s: a generous bound here, the
      // figure printed above.
      expect(ready.readyMs).toBeLessThan(20_000);
    });
  });

  describe("against a database with nothing seeded yet", () => {
    const database = useTestDatabase();
    let app: AppProcess | undefined;
    afterAll(async () => {
      await app?.stop();
    });

    it("seeds the demo in a one-shot child process that has exited by the time the server listens", async () => {
      app = await startAppProcess(
        { DATABASE_URL: database.url(), SEED_DEMO: "true", LOG_LEVEL: "info" },
        { captureOutput: true },
      );
      const lines = app
        .output()
        .split("\n")
        .filter((text) => text.startsWith("{"))
        .map((text) => JSON.parse(text) as { pid: number; msg: string; seedMs?: number });
      const seeded = lines.find((line) => line.msg.startsWith("seeded the demo"));
      const ready = lines.find((line) => line.seedMs !== undefined);
      expect(seeded, app.output()).toBeDefined();
      expect(ready, app.output()).toBeDefined();
      expect(seeded!.pid).not.toBe(ready!.pid);
      expect(ready!.pid).toBe(app.pid);
      expect(() => process.kill(seeded!.pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
      expect(ready!.seedMs).toBeGreaterThan(0);
      // The demo the child wrote is in the database and searchable by the server.
      const client = new pg.Client({ connectionString: database.url() });
      await client.connect();
      const title = await client
        .query<{ title: string }>(`SELECT title FROM "Need" WHERE status = 'OPEN' ORDER BY title LIMIT 1`)
        .finally(() => client.end());
      expect(title.rows).toHaveLength(1);
      const search = await fetch(`${app.url}/needs?q=${encodeURIComponent(title.rows[0]!.title)}`);
      expect(search.status).toBe(200);
      expect(await search.text()).toContain(title.rows[0]!.title);
    });
  });
});
