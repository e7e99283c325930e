import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();

/** Runs the burst until `committed` transfers were reported, then kills it with `signal`. */
function burst(run: string, committed: number, signal: NodeJS.Signals): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/ledger-burst.ts", run], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DATABASE_URL: database.url() },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ids: string[] = [];
  let buffer = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the burst did not get going"));
    }, 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("T ")) ids.push(line.slice(2));
      if (ids.length >= committed && child.exitCode === null && !child.killed) child.kill(signal);
    });
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(ids);
    });
  });
}

describe("a crash in the middle of a burst of transfers", () => {
  it("leaves no transfer half-applied, loses none that was committed, and the ledger works on after a restart", async () => {
    // SIGKILL: no shutdown code runs; transactions in flight die with the connections.
    const before = await burst("crash", 300, "SIGKILL");
    expect(before.length).toBeGreaterThanOrEqual(300);
    const stored = await db.ledgerTransfer.findMany({
      where: { id: { in: before } },
      select: { id: true, _count: { select: { entries: true } } },
    });
    expect(stored).toHaveLength(before.length);
    expect(stored.every((transfer) => transfer._count.entries === 2)).toBe(true);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });

    // Restarted, the same accounts take new transfers (no lock or half-state left behind).
    const after = await burst("crash", 100, "SIGTERM");
    expect(after.length).toBeGreaterThanOrEqual(100);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  }, 120_000);
});
