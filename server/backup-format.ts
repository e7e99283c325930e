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

import { once } from "node:events";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import type pg from "pg";
import { z } from "zod";

export const BACKUP_FORMAT = "xiangke-backup";
export const BACKUP_VERSION = 1;
// Bookkeeping of the migration tooling: rebuilt by applying the migrations and rules on restore.
const TOOLING_TABLES = ["_prisma_migrations", "_xiangke_rules"];
export const FILE_CHUNK = 48 * 1024; // raw bytes per base64 line
export const END_OF_SECTION = "\\.";

/** A backup that cannot be made or restored, with a message meant for the person at the terminal. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BackupError";
  }
}

const TableSchema = z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
export const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(TableSchema),
});
export const FooterSchema = z.object({
  rows: z.record(z.string(), z.number().int().min(0)),
  files: z.number().int().min(0),
});
export const FileSchema = z.object({ key: z.string().min(1), size: z.number().int().min(0) });

export type BackupHeader = z.infer<typeof HeaderSchema>;
export type TableInfo = z.infer<typeof TableSchema>;

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The migrations this code ships, oldest first (the folder names under prisma/migrations). */
export async function codeMigrations(cwd = process.cwd()): Promise<string[]> {
  const entries = await readdir(path.join(cwd, "prisma", "migrations"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every table of the public schema but the tooling's, with the columns COPY can write back. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
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
export async function write(stream: Writable, done: Promise<unknown>, chunk: Buffer | string): Promise<void> {
  if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done]);
}
