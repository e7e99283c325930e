import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
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
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
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
 * runs only when a migration is actually pending.
 */
export async function applyMigrations(databaseUrl: string, log: Logger): Promise<void> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) {
    log.info("database schema is up to date");
    return;
  }
  log.info({ pending }, "applying migrations");
  const output = await runPrismaCli(["migrate", "deploy"], databaseUrl);
  const applied = output.match(/The following migration\(s\) have been applied:[\s\S]*/)?.[0];
  log.info(applied ? { applied: applied.trim() } : {}, "database schema is up to date");
}
