import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { z } from "zod";
import { db } from "~/db.server";
import type { Env } from "~/env.server";
import { demoTableCounts } from "~/modules/demo/demo-counts.server";
import { awaitsDemo, seedDemoData } from "~/modules/demo/seed.server";
import { syncReferenceData } from "~/modules/reference/reference.server";
import { applyMigrations, pendingMigrations } from "./migrate";

/** What the migrations and the demo seed took; start-up reports them apart. */
export interface PrepareTimes {
  migrateMs: number;
  seedMs: number;
}

export const PREPARED_MESSAGE = "xiangke:prepared";

const PreparedMessage = z.object({
  type: z.literal(PREPARED_MESSAGE),
  migrateMs: z.number().nonnegative(),
  seedMs: z.number().nonnegative(),
});

/** What `prepare` already found out, so it is not asked again. */
interface Known {
  pending: readonly string[];
  /** The demo is wanted and the database awaits it. */
  seed: boolean;
}

/**
 * Migrates, brings reference data up to date and seeds the demo (when asked and not yet done),
 * in this process: server/prepare.ts, the one-shot process `prepareInChild` starts, and `prepare`
 * on an ordinary restart.
 */
export async function prepareDatabase(
  env: Env,
  databaseUrl: string,
  log: Logger,
  known?: Known,
): Promise<PrepareTimes> {
  const migrateStarted = performance.now();
  await applyMigrations(databaseUrl, log, known?.pending);
  const migrateMs = performance.now() - migrateStarted;
  await syncReferenceData(db);
  const seedStarted = performance.now();
  const seed = known ? known.seed : env.SEED_DEMO;
  const seeded = seed && (await seedDemoData(db, new Date(), { story: env.SEED_DEMO_STORY }));
  const seedMs = performance.now() - seedStarted;
  if (seeded) {
    log.info({ ms: Math.round(seedMs) }, "seeded the demo (accounts in README)");
    for (const { table, rows } of await demoTableCounts(db)) log.info(`${table.padEnd(28)} ${rows}`);
  }
  return { migrateMs, seedMs };
}

/**
 * Prepares the database before the app serves. Migrations to apply or a demo to seed run in a
 * process of their own that exits when done (docs/decisions/047): a seed leaves tens of MiB of
 * garbage and compiled code behind it, which go back to the system with the child rather than
 * stay in the serving process's idle memory. The whole child counts as migrating and seeding: it
 * exists for nothing else. An ordinary restart (schema up to date, demo seeded or not wanted) only
 * checks, here: a child would add a second to every restart for no memory saved.
 */
export async function prepare(
  env: Env,
  databaseUrl: string,
  log: Logger,
  /** Work of the serving process's own start that can run on this core while a child works. */
  meanwhile?: () => void,
): Promise<PrepareTimes> {
  const pending = await pendingMigrations(databaseUrl);
  // No demo is looked for while migrations are pending: the tables may not be there yet.
  const seed = pending.length === 0 && env.SEED_DEMO && (await awaitsDemo(db));
  if (pending.length === 0 && !seed) return prepareDatabase(env, databaseUrl, log, { pending, seed });
  const child = prepareInChild(databaseUrl);
  meanwhile?.();
  return child;
}

/** prepareDatabase in a one-shot child process (server/prepare.ts). */
export function prepareInChild(databaseUrl: string): Promise<PrepareTimes> {
  // Built: build/server-node/prepare.js beside this chunk; under tsx: server/prepare.ts.
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const entry = fileURLToPath(new URL(`./prepare.${extension}`, import.meta.url));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      execArgv: process.execArgv,
      stdio: "inherit",
    });
    let times: PrepareTimes | undefined;
    child.on("message", (message: unknown) => {
      const parsed = PreparedMessage.safeParse(message);
      if (parsed.success) times = { migrateMs: parsed.data.migrateMs, seedMs: parsed.data.seedMs };
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code !== 0 || !times) {
        reject(new Error(`preparing the database failed (exit ${code ?? signal}); its log is above`));
        return;
      }
      // What the child spent starting and stopping is counted with the migrations.
      const total = performance.now() - started;
      resolve({ migrateMs: Math.max(times.migrateMs, total - times.seedMs), seedMs: times.seedMs });
    });
  });
}
