// npm run bench:ledger — ledger transfers (the app's transfer(): one transaction, a transfer row
// and two entries, balance triggers, overdraft check, balanced-transfer check at commit) against
// plain SQL inserts of the same rows into tables without any of those rules, in one run, on the
// same embedded PostgreSQL: sequentially and with 32 concurrent clients. Prints a table and writes
// bench/results/ledger.json.
import { randomInt } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { applyDatabaseRules, runPrismaCli } from "../server/migrate";
import { percentile, round } from "./lib";

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2_000);
const CONCURRENT_TOTAL = Number(process.env.BENCH_CONCURRENT ?? 6_000);
const CLIENTS = 32;
const WALLETS = 64;
// The app's pool size (app/db.server.ts); the plain baseline gets the same.
const POOL = 10;

const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-ledger-"));
const database = await startEmbeddedPostgres(dir, pino({ level: "warn" }));
process.env.DATABASE_URL = database.url;

interface Phase {
  transfersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  refused: number;
}

async function measure(total: number, clients: number, once: () => Promise<boolean>): Promise<Phase> {
  const times: number[] = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        if (!(await once())) refused++;
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    transfersPerSecond: round(times.length / seconds),
    p50Ms: round(percentile(times, 50), 2),
    p95Ms: round(percentile(times, 95), 2),
    p99Ms: round(percentile(times, 99), 2),
    refused,
  };
}

try {
  await runPrismaCli(["migrate", "deploy"], database.url);
  await applyDatabaseRules(database.url);
  const { db } = await import("~/db.server");
  const { CLEARING, ensureAccount, transfer, checkLedgerInvariants } =
    await import("~/modules/ledger/ledger.server");
  const { isDomainError } = await import("~/utils/errors");

  const wallets = Array.from({ length: WALLETS }, (_, i) => `wallet:user:bench-${i}`);
  await db.$transaction(async (tx) => {
    for (const id of wallets) await ensureAccount(tx, { id, kind: "WALLET" });
  });
  for (const id of wallets)
    await db.$transaction((tx) =>
      transfer(tx, { from: CLEARING, to: id, amountFen: 500_000_000, reason: "DEPOSIT" }),
    );

  const pick = () => {
    const from = randomInt(WALLETS);
    let to = randomInt(WALLETS - 1);
    if (to >= from) to++;
    return [wallets[from]!, wallets[to]!] as const;
  };
  const appTransfer = async () => {
    const [from, to] = pick();
    try {
      await db.$transaction((tx) =>
        transfer(tx, { from, to, amountFen: randomInt(1, 10_000), reason: "MILESTONE_FUND" }),
      );
      return true;
    } catch (error) {
      if (isDomainError(error)) return false;
      throw error;
    }
  };

  // Plain baseline: the same three rows per transfer in one transaction, no triggers, no checks.
  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  await pool.query(
    `CREATE TABLE plain_transfer (id text PRIMARY KEY, from_account text, to_account text, amount integer, reason text, memo text, created_at timestamptz)`,
  );
  await pool.query(
    `CREATE TABLE plain_entry (id bigserial PRIMARY KEY, transfer_id text, account_id text, amount integer, created_at timestamptz)`,
  );
  await pool.query(`CREATE INDEX ON plain_entry (account_id, id)`);
  await pool.query(`CREATE INDEX ON plain_entry (transfer_id)`);
  let counter = 0;
  const plainTransfer = async () => {
    const [from, to] = pick();
    const amount = randomInt(1, 10_000);
    const id = `p${counter++}`;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`INSERT INTO plain_transfer VALUES ($1, $2, $3, $4, 'MILESTONE_FUND', '', now())`, [
        id,
        from,
        to,
        amount,
      ]);
      await client.query(
        `INSERT INTO plain_entry (transfer_id, account_id, amount, created_at) VALUES ($1, $2, $3, now()), ($1, $4, $5, now())`,
        [id, from, -amount, to, amount],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    return true;
  };

  // Warm both paths up so neither pays for connections and JIT in its measurement.
  await measure(200, 4, appTransfer);
  await measure(200, 4, plainTransfer);
  const appSequential = await measure(SEQUENTIAL, 1, appTransfer);
  const plainSequential = await measure(SEQUENTIAL, 1, plainTransfer);
  const appConcurrent = await measure(CONCURRENT_TOTAL, CLIENTS, appTransfer);
  const plainConcurrent = await measure(CONCURRENT_TOTAL, CLIENTS, plainTransfer);
  const invariants = await checkLedgerInvariants();
  await pool.end();
  await db.$disconnect();

  const results = {
    machine: { cores: os.cpus().length, node: process.version },
    wallets: WALLETS,
    poolSize: POOL,
    ledger: { sequential: appSequential, concurrent32: appConcurrent },
    plainInserts: { sequential: plainSequential, concurrent32: plainConcurrent },
    ratio: {
      sequentialThroughput: round(plainSequential.transfersPerSecond / appSequential.transfersPerSecond, 2),
      concurrentThroughput: round(plainConcurrent.transfersPerSecond / appConcurrent.transfersPerSecond, 2),
    },
    invariantsHold:
      invariants.sumOfBalances === 0 &&
      invariants.drifted.length === 0 &&
      invariants.unbalanced.length === 0 &&
      invariants.negative.length === 0,
  };
  console.log(
    `\nbench:ledger — ${SEQUENTIAL} sequential and ${CONCURRENT_TOTAL} concurrent transfers (${CLIENTS} clients, pool ${POOL}) among ${WALLETS} wallets, ${results.machine.cores} cores\n`,
  );
  console.table({
    "ledger transfer(), sequential": appSequential,
    "plain inserts, sequential": plainSequential,
    "ledger transfer(), 32 clients": appConcurrent,
    "plain inserts, 32 clients": plainConcurrent,
  });
  console.log(
    `plain inserts are ${results.ratio.sequentialThroughput}× the ledger's throughput sequentially, ${results.ratio.concurrentThroughput}× with 32 clients`,
  );
  console.log(`ledger invariants after the run: ${results.invariantsHold ? "hold" : "BROKEN"}`);
  mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  writeFileSync(
    path.join(import.meta.dirname, "results", "ledger.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
} finally {
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
}
