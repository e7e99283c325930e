// Creates a new migration offline: the SQL is the diff between what prisma/migrations builds and
// prisma/schema.prisma. Prisma replays the migrations into a shadow database, which the CLI's
// adapter (prisma/adapter.ts) creates beside the database it is given and drops afterwards; a
// throwaway embedded cluster is that database, so nothing outside a temporary folder is touched.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { runPrismaCli } from "../server/migrate";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(1);
}

const migrationsDir = path.join("prisma", "migrations");

const scratch = mkdtempSync(path.join(os.tmpdir(), "xiangke-diff-"));
const database = await startEmbeddedPostgres(scratch, pino({ level: "warn" }));
let sql: string;
try {
  const output = await runPrismaCli(
    [
      "migrate",
      "diff",
      "--from-migrations",
      migrationsDir,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    database.url,
  );
  sql = output.slice(output.indexOf("-- "));
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}

if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema has not changed since the last migration; nothing to create.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
if (existsSync(dir)) throw new Error(`${dir} already exists`);
mkdirSync(dir);
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Created ${dir}/migration.sql`);
