// Writes a backup: the format is described in backup-format.ts, reading and restoring it in
// backup-reader.ts and backup-restore.ts.
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import pino from "pino";
import type { Env } from "~/env.server";
import { runningDatabaseUrl, startEmbeddedPostgres, type RunningDatabase } from "./embedded-postgres";
import {
  write,
  BackupError,
  listTables,
  type BackupHeader,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  quote,
  END_OF_SECTION,
  FILE_CHUNK,
} from "./backup-format";

async function uploadedFiles(uploadsDir: string): Promise<string[]> {
  if (!existsSync(uploadsDir)) return [];
  const entries = await readdir(uploadsDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp")) // .tmp: a write in progress
    .map((entry) =>
      path.relative(uploadsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    )
    .sort();
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  files: number;
}

/**
 * Writes a backup of the database and the uploads folder to `file`. Every table is read in one
 * repeatable-read transaction, so the rows are one consistent snapshot. The file appears under
 * its name only when complete.
 */
export async function createBackup(options: {
  databaseUrl: string;
  file: string;
  uploadsDir: string;
}): Promise<BackupSummary> {
  const file = path.resolve(options.file);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${randomBytes(4).toString("hex")}.partial`;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { flags: "wx" }));
  written.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  const put = (chunk: Buffer | string) => write(gzip, written, chunk);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const hasMigrations = await client.query(
      "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present",
    );
    if (!hasMigrations.rows[0]?.present)
      throw new BackupError(
        "The database has no migrations applied: there is nothing of XiangKe's to back up.",
      );
    const migrations = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    const tables = await listTables(client);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: migrations.rows.map((row) => row.migration_name),
      tables,
    };
    await put(`${JSON.stringify(header)}\n`);

    const rows: Record<string, number> = {};
    for (const table of tables) {
      await put(`\\table ${JSON.stringify(table.name)}\n`);
      let count = 0;
      const copy = client.query(
        copyTo(`COPY ${quote(table.name)} (${table.columns.map(quote).join(", ")}) TO STDOUT`),
      );
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        // In COPY text format every row ends with a newline and no value contains a raw one.
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
        await put(chunk);
      }
      rows[table.name] = count;
      await put(`${END_OF_SECTION}\n`);
    }
    await client.query("COMMIT");

    // Files are read after the snapshot: one uploaded meanwhile is carried along unused, one
    // deleted meanwhile is missing (its row was already going away).
    let files = 0;
    for (const key of await uploadedFiles(options.uploadsDir)) {
      const bytes = await readFile(path.join(options.uploadsDir, key)).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return null;
          throw error;
        },
      );
      if (!bytes) continue;
      await put(`\\file ${JSON.stringify({ key, size: bytes.length })}\n`);
      for (let start = 0; start < bytes.length; start += FILE_CHUNK) {
        await put(`${bytes.subarray(start, start + FILE_CHUNK).toString("base64")}\n`);
      }
      await put(`${END_OF_SECTION}\n`);
      files++;
    }
    await put(`\\end ${JSON.stringify({ rows, files })}\n`);
    gzip.end();
    await written;
    await rename(partial, file);
    return { file, tables: tables.length, rows: Object.values(rows).reduce((sum, n) => sum + n, 0), files };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The database a command-line tool should use: DATABASE_URL, else the embedded cluster of
 * DATA_DIR — the running app's, or started for the tool's duration (`stop` stops only that).
 */
export async function resolveDatabase(
  env: Env,
): Promise<{ url: string; running: boolean; stop: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, running: false, stop: async () => {} };
  const running = await runningDatabaseUrl(env.DATA_DIR);
  if (running) return { url: running, running: true, stop: async () => {} };
  const embedded: RunningDatabase = await startEmbeddedPostgres(env.DATA_DIR, pino({ level: "warn" }));
  return { url: embedded.url, running: false, stop: embedded.stop };
}

// The format, verifying and restoring live in their own files; the scripts import them from here.
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  codeMigrations,
} from "./backup-format";
export { verifyBackup } from "./backup-reader";
export { type RestoreSummary, restoreBackup } from "./backup-restore";
