import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import pino, { type Logger } from "pino";
import type { Tx } from "~/db.server";
import { CLEARING, checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { LocalDiskStorage } from "~/modules/uploads/storage.server";
import { applyMigrations } from "./migrate";
import { listTables, quote, codeMigrations, BackupError, write } from "./backup-format";
import { verifyBackup, readBackup } from "./backup-reader";

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
