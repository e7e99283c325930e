import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabaseMonitor, dedicatedProbe } from "../../server/maintenance";
import { findFreePort } from "../../server/embedded-postgres";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();

describe("the database monitor", () => {
  it("finds the database up while the app's pool is exhausted, on its own connection", async () => {
    const pool = new pg.Pool({ connectionString: database.url(), max: 1 });
    const held = await pool.connect();
    try {
      // Through the full pool, the probe waits and times out: the database would pass for down.
      const throughPool = createDatabaseMonitor(() => pool.query("SELECT 1"), { timeoutMs: 500 });
      expect(await throughPool.probe()).toBe(false);
      const monitor = createDatabaseMonitor(
        dedicatedProbe(() => database.url()),
        { timeoutMs: 500 },
      );
      expect(await monitor.probe()).toBe(true);
      expect(await monitor.probe()).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it("finds a database nobody answers down at once, not after the timeout", async () => {
    const port = await findFreePort();
    const monitor = createDatabaseMonitor(
      dedicatedProbe(() => `postgres://postgres@127.0.0.1:${port}/xiangke`),
    );
    const started = Date.now();
    expect(await monitor.probe()).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
