// Creates a new migration offline: the SQL is the diff between the schema as of the last
// migration (kept beside it as schema.prisma) and prisma/schema.prisma. The JS schema engine
// opens a connection even for a diff of two files, so a throwaway embedded cluster serves it.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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
const previous = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const from = previous
  ? ["--from-schema-datamodel", path.join(migrationsDir, previous, "schema.prisma")]
  : ["--from-empty"];

const scratch = mkdtempSync(path.join(os.tmpdir(), "xiangke-diff-"));
const database = await startEmbeddedPostgres(scratch, pino({ level: "warn" }));
let sql: string;
try {
  const output = await runPrismaCli(
    ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
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
copyFileSync("prisma/schema.prisma", path.join(dir, "schema.prisma"));
console.log(`Created ${dir}/migration.sql`);
