import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import type { Logger } from "pino";

const require = createRequire(import.meta.url);

/** Runs `prisma <args>` with the given database; resolves with its output, rejects on failure. */
export function runPrismaCli(args: string[], databaseUrl: string, cwd = process.cwd()): Promise<string> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`));
    });
  });
}

/** Names of the migrations in prisma/migrations that the database has not finished applying. */
export async function pendingMigrations(databaseUrl: string, cwd = process.cwd()): Promise<string[]> {
  const all = readdirSync(path.join(cwd, "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(
      "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present",
    );
    if (!table.rows[0]?.present) return all;
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return all.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations with `prisma migrate deploy`. The CLI takes seconds to load, so it
 * runs only when a migration is actually pending. A caller that has just asked `pendingMigrations`
 * passes its answer.
 */
export async function applyMigrations(
  databaseUrl: string,
  log: Logger,
  pending?: readonly string[],
): Promise<void> {
  pending ??= await pendingMigrations(databaseUrl);
  if (pending.length === 0) {
    log.info("database schema is up to date");
    await applyDatabaseRules(databaseUrl, log);
    return;
  }
  log.info({ pending }, "applying migrations");
  const output = await runPrismaCli(["migrate", "deploy"], databaseUrl);
  const applied = output.match(/The following migration\(s\) have been applied:[\s\S]*/)?.[0];
  log.info(applied ? { applied: applied.trim() } : {}, "database schema is up to date");
  await applyDatabaseRules(databaseUrl, log);
}

/**
 * Applies prisma/rules.sql (triggers and checks the schema cannot express, see that file) in one
 * transaction when its content differs from what the database last received. A hash of the file
 * is kept in "_xiangke_rules", so an unchanged file costs one query at start.
 */
export async function applyDatabaseRules(
  databaseUrl: string,
  log?: Logger,
  cwd = process.cwd(),
): Promise<boolean> {
  const sql = readFileSync(path.join(cwd, "prisma", "rules.sql"), "utf8");
  const hash = createHash("sha256").update(sql).digest("hex");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_xiangke_rules" (hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = await client.query<{ hash: string }>(
      `SELECT hash FROM "_xiangke_rules" ORDER BY applied_at DESC LIMIT 1`,
    );
    if (current.rows[0]?.hash === hash) return false;
    await client.query("BEGIN");
    try {
      // The simple query protocol takes several statements at once, dollar-quoted bodies included.
      await client.query(sql);
      await client.query(`INSERT INTO "_xiangke_rules" (hash) VALUES ($1)`, [hash]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    log?.info("database rules applied (prisma/rules.sql)");
    return true;
  } finally {
    await client.end();
  }
}
