// Creates a new migration offline: the SQL is the diff between prisma/schema.prisma as committed
// (HEAD, or the revision given with --base) and as it is now in the working tree. Diffing from
// prisma/migrations (a shadow database replay) crashes the JS schema engine of Prisma 6.19
// ("RuntimeError: unreachable" in its wasm), so the committed schema stands for what the
// migrations build: commit each schema change with its migration. The CLI still wants a
// database; a throwaway embedded cluster is it, so nothing outside a temporary folder is touched.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { runPrismaCli } from "../server/migrate";

const name = process.argv[2];
const baseFlag = process.argv.indexOf("--base");
const base = baseFlag > 0 ? process.argv[baseFlag + 1] : "HEAD";
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "Usage: npm run db:migration -- <name> [--base <git revision>]   (name: lower-case letters, digits and _)",
  );
  process.exit(1);
}

const migrationsDir = path.join("prisma", "migrations");

const scratch = mkdtempSync(path.join(os.tmpdir(), "xiangke-diff-"));
const committedSchema = path.join(scratch, "committed.prisma");
writeFileSync(committedSchema, execFileSync("git", ["show", `${base}:prisma/schema.prisma`]));
const database = await startEmbeddedPostgres(scratch, pino({ level: "warn" }));
let sql: string;
try {
  const output = await runPrismaCli(
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      committedSchema,
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
