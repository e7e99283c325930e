// Logical backups over the `pg` driver: the embedded PostgreSQL package ships no pg_dump or
// pg_restore (docs/decisions/017-backups.md). A backup is one gzip stream of lines:
//
//   {"format":"xiangke-backup","version":1,…}    header: migrations applied, tables and columns
//   \table "Need"                                 then, per table, its rows in COPY text format
//   …rows…                                        (newlines and backslashes inside values are
//   \.                                            escaped, so a line "\." only ever ends a section)
//   \file {"key":"needs/ab.webp","size":1234}     then every uploaded file, base64 in lines
//   …base64…
//   \.
//   \end {"rows":{"Need":4,…},"files":7}          footer: a file without it is truncated
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import pino, { type Logger } from "pino";
import { z } from "zod";
import type { Tx } from "~/db.server";
import type { Env } from "~/env.server";
import { CLEARING, checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { LocalDiskStorage } from "~/modules/uploads/storage.server";
import { runningDatabaseUrl, startEmbeddedPostgres, type RunningDatabase } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

export const BACKUP_FORMAT = "xiangke-backup";
export const BACKUP_VERSION = 1;
// Bookkeeping of the migration tooling: rebuilt by applying the migrations and rules on restore.
const TOOLING_TABLES = ["_prisma_migrations", "_xiangke_rules"];
const FILE_CHUNK = 48 * 1024; // raw bytes per base64 line
const END_OF_SECTION = "\\.";

/** A backup that cannot be made or restored, with a message meant for the person at the terminal. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BackupError";
  }
}

const TableSchema = z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(TableSchema),
});
const FooterSchema = z.object({
  rows: z.record(z.string(), z.number().int().min(0)),
  files: z.number().int().min(0),
});
const FileSchema = z.object({ key: z.string().min(1), size: z.number().int().min(0) });

export type BackupHeader = z.infer<typeof HeaderSchema>;
type TableInfo = z.infer<typeof TableSchema>;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The migrations this code ships, oldest first (the folder names under prisma/migrations). */
export async function codeMigrations(cwd = process.cwd()): Promise<string[]> {
  const entries = await readdir(path.join(cwd, "prisma", "migrations"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every table of the public schema but the tooling's, with the columns COPY can write back. */
async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
        AND NOT (c.table_name = ANY($1))
      ORDER BY c.table_name, c.ordinal_position`,
    [TOOLING_TABLES],
  );
  const tables = new Map<string, string[]>();
  for (const row of rows)
    tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** Writes to a stream, waiting when it asks to; `done` rejects as soon as the stream fails. */
async function write(stream: Writable, done: Promise<unknown>, chunk: Buffer | string): Promise<void> {
  if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done]);
}

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

/** The lines of a byte stream, each with its newline; a last line without one means a cut-off file. */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      yield data.subarray(start, end + 1);
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) throw new BackupError("The backup is truncated (its last line is cut off).");
}

type BackupEvent =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: TableInfo }
  | { kind: "row"; line: Buffer }
  | { kind: "file"; key: string; size: number }
  | { kind: "fileBytes"; bytes: Buffer }
  | { kind: "end"; rows: number; files: number };

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(`The backup is damaged: its ${what} is not readable.`);
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw new BackupError(
      `The backup is damaged or of an unknown format: bad ${what} (${result.error.issues[0]?.message}).`,
    );
  return result.data;
}

/**
 * Reads a backup and checks its whole structure as it goes: the header, every table of the
 * header exactly once and in order, each file's size, and a footer whose counts match. gzip's
 * own checksum catches damaged bytes; a missing footer catches a cut-off file.
 */
async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let header: BackupHeader | undefined;
  let section:
    | { kind: "table"; table: TableInfo; rows: number }
    | { kind: "file"; key: string; size: number; bytes: number }
    | undefined;
  let nextTable = 0;
  const rows: Record<string, number> = {};
  let files = 0;
  let ended = false;
  try {
    for await (const line of linesOf(gunzip)) {
      const text = () => line.toString("utf8", 0, line.length - 1);
      if (ended) throw new BackupError("The backup is damaged: there is data after its end.");
      if (!header) {
        header = parseJson(HeaderSchema, text(), "header");
        yield { kind: "header", header };
      } else if (section?.kind === "table") {
        if (text() === END_OF_SECTION) {
          rows[section.table.name] = section.rows;
          section = undefined;
        } else {
          section.rows++;
          yield { kind: "row", line };
        }
      } else if (section?.kind === "file") {
        if (text() === END_OF_SECTION) {
          if (section.bytes !== section.size)
            throw new BackupError(
              `The backup is damaged: file ${section.key} has ${section.bytes} bytes, not ${section.size}.`,
            );
          section = undefined;
        } else {
          const bytes = Buffer.from(text(), "base64");
          section.bytes += bytes.length;
          yield { kind: "fileBytes", bytes };
        }
      } else if (text().startsWith("\\table ")) {
        const name = parseJson(z.string(), text().slice(7), "table marker");
        const table = header.tables[nextTable++];
        if (files > 0 || table?.name !== name)
          throw new BackupError(`The backup is damaged: table ${name} is out of place.`);
        section = { kind: "table", table, rows: 0 };
        yield { kind: "table", table };
      } else if (text().startsWith("\\file ")) {
        if (nextTable !== header.tables.length)
          throw new BackupError("The backup is damaged: files start before every table was read.");
        const meta = parseJson(FileSchema, text().slice(6), "file marker");
        section = { kind: "file", ...meta, bytes: 0 };
        files++;
        yield { kind: "file", ...meta };
      } else if (text().startsWith("\\end ")) {
        const footer = parseJson(FooterSchema, text().slice(5), "footer");
        const counted = JSON.stringify(rows);
        if (
          nextTable !== header.tables.length ||
          footer.files !== files ||
          JSON.stringify(footer.rows) !== counted
        ) {
          throw new BackupError("The backup is damaged: its contents do not match its footer.");
        }
        ended = true;
        yield { kind: "end", rows: Object.values(rows).reduce((sum, n) => sum + n, 0), files };
      } else {
        throw new BackupError("The backup is damaged: an unexpected line between sections.");
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable XiangKe backup: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (!header) throw new BackupError(`${file} is empty.`);
  if (!ended) throw new BackupError("The backup is truncated: it stops before its end marker.");
}

/** Reads the whole backup without touching any database; throws a BackupError if anything is wrong. */
export async function verifyBackup(
  file: string,
): Promise<{ header: BackupHeader; rows: number; files: number }> {
  if (!existsSync(file)) throw new BackupError(`There is no backup file at ${file}.`);
  let header: BackupHeader | undefined;
  let counts = { rows: 0, files: 0 };
  // Read to the last byte: readBackup refuses anything after the footer or a missing footer.
  for await (const event of readBackup(file)) {
    if (event.kind === "header") header = event.header;
    if (event.kind === "end") counts = { rows: event.rows, files: event.files };
  }
  return { header: header!, ...counts };
}

// Rows the code writes itself into every database: reference data synced at start and the
// clearing account a migration inserts. They do not make a database "hold data".
const CODE_OWNED_ROWS: Record<string, string> = {
  County: "false",
  Industry: "false",
  LedgerAccount: `id <> '${CLEARING}' OR "balanceFen" <> 0`,
};

/** Names of the tables (tooling aside) that hold data someone put there. */
async function nonEmptyTables(client: pg.ClientBase): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of await listTables(client)) {
    const where = CODE_OWNED_ROWS[name] ?? "true";
    const { rows } = await client.query(
      `SELECT EXISTS (SELECT 1 FROM ${quote(name)} WHERE ${where}) AS present`,
    );
    if (rows[0]?.present) found.push(name);
  }
  return found;
}

// checkLedgerInvariants runs Prisma raw queries; this runs them on the restore's own connection,
// so they see its uncommitted rows and a failed check rolls the whole load back.
function rawQueries(client: pg.ClientBase): Tx {
  const $queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) =>
    (
      await client.query(
        strings.reduce((sql, part, index) => `${sql}$${index}${part}`),
        values,
      )
    ).rows;
  return { $queryRaw } as unknown as Tx;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  files: number;
  /** Where the uploads folder that was there before went, if there was one. */
  previousUploads: string | null;
}

/**
 * Restores a backup into the database and the uploads folder. The file is read once in full
 * before anything is touched; a database that holds data is refused unless `force`. Migrations
 * and rules are applied as at start-up, then one transaction empties every table, loads every
 * row with triggers off (balances come back as they were), moves sequences past the restored
 * ids and checks the ledger invariants before it commits: a failure leaves the old data as it was.
 */
export async function restoreBackup(options: {
  databaseUrl: string;
  file: string;
  uploadsDir: string;
  force?: boolean;
  log?: Logger;
}): Promise<RestoreSummary> {
  const log = options.log ?? pino({ level: "silent" });
  const { header } = await verifyBackup(options.file);
  const code = await codeMigrations();
  if (JSON.stringify(header.migrations) !== JSON.stringify(code)) {
    const newer = header.migrations.filter((name) => !code.includes(name));
    throw new BackupError(
      newer.length > 0
        ? `The backup was made by a newer XiangKe (migration ${newer.at(-1)} is unknown here): upgrade the code, then restore.`
        : `The backup was made by an older XiangKe (last migration ${header.migrations.at(-1) ?? "none"}): restore it with that version, then upgrade, which migrates the data.`,
    );
  }

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const staging = `${path.resolve(options.uploadsDir)}.restoring-${randomBytes(4).toString("hex")}`;
  let copy: Writable | undefined;
  let copied: Promise<unknown> = Promise.resolve();
  let out: Writable | undefined;
  let outDone: Promise<unknown> = Promise.resolve();
  try {
    const occupied = await nonEmptyTables(client);
    if (occupied.length > 0 && !options.force) {
      throw new BackupError(
        `The target database is not empty (${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""}): restore with --force to replace everything in it.`,
      );
    }
    await applyMigrations(options.databaseUrl, log);

    const present = new Map((await listTables(client)).map((table) => [table.name, new Set(table.columns)]));
    for (const table of header.tables) {
      const missing = table.columns.filter((column) => !present.get(table.name)?.has(column));
      if (missing.length > 0)
        throw new BackupError(`The database has no ${table.name}(${missing.join(", ")}) to restore into.`);
    }

    await client.query("BEGIN");
    // Replica mode fires no ordinary trigger: the ledger triggers would add every entry to a
    // balance that already includes it, and the foreign keys (triggers too) would need table order.
    await client.query("SET LOCAL session_replication_role = replica");
    // The backup replaces everything, the rows migrations and start-up wrote included.
    await client.query(`TRUNCATE ${[...present.keys()].map(quote).join(", ")}`);
    const storage = new LocalDiskStorage(staging);
    const closeSections = async () => {
      copy?.end();
      out?.end();
      await Promise.all([copied, outDone]);
      copy = out = undefined;
    };
    let summary = { rows: 0, files: 0 };
    for await (const event of readBackup(options.file)) {
      if (event.kind === "table" || event.kind === "file" || event.kind === "end") await closeSections();
      if (event.kind === "table") {
        const columns = event.table.columns.map(quote).join(", ");
        copy = client.query(copyFrom(`COPY ${quote(event.table.name)} (${columns}) FROM STDIN`));
        copied = finished(copy);
        copied.catch(() => {});
      } else if (event.kind === "row") {
        await write(copy!, copied, event.line);
      } else if (event.kind === "file") {
        const target = storage.pathOf(event.key); // refuses keys that would leave the folder
        await mkdir(path.dirname(target), { recursive: true });
        out = createWriteStream(target, { flags: "wx" });
        outDone = finished(out);
        outDone.catch(() => {});
      } else if (event.kind === "fileBytes") {
        await write(out!, outDone, event.bytes);
      } else if (event.kind === "end") {
        summary = { rows: event.rows, files: event.files };
      }
    }

    const sequences = await client.query<{ sequence: string; table: string; column: string }>(
      `SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
         FROM pg_class s
         JOIN pg_namespace n ON n.oid = s.relnamespace
         JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND n.nspname = 'public'`,
    );
    for (const { sequence, table, column } of sequences.rows) {
      await client.query(
        `SELECT setval($1::regclass, coalesce(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
        [`public.${quote(sequence)}`],
      );
    }

    const ledger = await checkLedgerInvariants(rawQueries(client));
    if (
      ledger.sumOfBalances !== 0 ||
      ledger.drifted.length + ledger.unbalanced.length + ledger.negative.length > 0
    ) {
      throw new BackupError(
        `The restored ledger does not balance: ${JSON.stringify(ledger)}. Nothing was restored.`,
      );
    }
    await client.query("COMMIT");

    // The database is in: now swap the uploads folder in, keeping the one that was there.
    const uploadsDir = path.resolve(options.uploadsDir);
    let previousUploads: string | null = null;
    if (existsSync(uploadsDir)) {
      previousUploads = `${uploadsDir}.before-restore-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
      await rename(uploadsDir, previousUploads);
    }
    await mkdir(staging, { recursive: true });
    await rename(staging, uploadsDir);
    log.info({ ...summary, previousUploads }, "backup restored");
    return { tables: header.tables.length, ...summary, previousUploads };
  } catch (error) {
    // Destroying a COPY sends CopyFail, which ends it; only then can the connection roll back.
    copy?.destroy();
    out?.destroy();
    await Promise.allSettled([copied, outDone]);
    await client.query("ROLLBACK").catch(() => {});
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
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
