import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import {
  CLEARING,
  balanceOf,
  checkLedgerInvariants,
  ensureWallet,
  transfer,
} from "~/modules/ledger/ledger.server";
import { storeImage } from "~/modules/uploads/uploads.server";
import { BackupError, codeMigrations, createBackup, restoreBackup } from "../../server/backup";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";

// Uploads of the source go to a folder of their own; the environment is read at first use.
const dataDir = mkdtempSync(path.join(tmpdir(), "xk-backup-"));
process.env.DATA_DIR = dataDir;
const sourceUploads = path.join(dataDir, "uploads");
const targetUploads = path.join(dataDir, "restored", "uploads");
const backupFile = path.join(dataDir, "backups", "demo.backup.gz");

const source = useTestDatabase();
const adminUrl = inject("postgresAdminUrl");
const targetName = `restore_${randomBytes(6).toString("hex")}`;
const targetUrl = adminUrl.replace(/\/postgres$/, `/${targetName}`);

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Row count and a checksum of every row, per table (the migration tooling's tables aside). */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('_prisma_migrations', '_xiangke_rules') ORDER BY 1`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      );
      result[name] = rows[0]!;
    }
    return result;
  } finally {
    await client.end();
  }
}

async function filesIn(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = (await readFile(file)).toString("base64");
  }
  return files;
}

/** Runs `work` with the app's Prisma client pointed at the restored database. */
async function onTarget<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = targetUrl;
  try {
    return await work();
  } finally {
    await db.$disconnect();
    process.env.DATABASE_URL = previous;
  }
}

const restore = (file = backupFile, force = false) =>
  restoreBackup({ databaseUrl: targetUrl, file, uploadsDir: targetUploads, force });

beforeAll(async () => {
  expect(await seedDemoData(db)).toBe(true);
  const [a, b] = await Promise.all([createUser(), createUser()]);
  const [walletA, walletB] = await db.$transaction(async (tx) => [
    await ensureWallet(tx, { userId: a.id }),
    await ensureWallet(tx, { userId: b.id }),
  ]);
  await db.$transaction((tx) =>
    transfer(tx, { from: CLEARING, to: walletA, amountFen: 50_000, reason: "DEPOSIT" }),
  );
  await db.$transaction((tx) =>
    transfer(tx, { from: walletA, to: walletB, amountFen: 12_345, reason: "MILESTONE_RELEASE" }),
  );
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  await storeImage({
    ownerId: a.id,
    file: new File([new Uint8Array(png)], "field.png", { type: "image/png" }),
  });
  await createBackup({ databaseUrl: source.url(), file: backupFile, uploadsDir: sourceUploads });
  await admin(`CREATE DATABASE ${targetName}`);
});

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`);
  await rm(dataDir, { recursive: true, force: true });
});

describe("backups", () => {
  it("writes the code's migrations and every table, without the tooling's", async () => {
    const header = JSON.parse(
      gunzipSync(await readFile(backupFile))
        .toString("utf8")
        .split("\n")[0]!,
    );
    expect(header).toMatchObject({
      format: "xiangke-backup",
      version: 1,
      migrations: await codeMigrations(),
    });
    const names = header.tables.map((table: { name: string }) => table.name);
    expect(names).toEqual(Object.keys(await fingerprint(source.url())));
    expect(names).not.toContain("_prisma_migrations");
  });

  it(
    "restores the demo data into an empty database row for row, with its uploads and a balanced ledger",
    { timeout: 120_000 },
    async () => {
      const summary = await restore();
      const expected = await fingerprint(source.url());
      expect(expected.User!.rows).toBeGreaterThan(5);
      expect(expected.LedgerEntry!.rows).toBeGreaterThanOrEqual(4);
      expect(expected.Upload!.rows).toBeGreaterThanOrEqual(1);
      expect(await fingerprint(targetUrl)).toEqual(expected);
      expect(summary.rows).toBe(Object.values(expected).reduce((sum, table) => sum + table.rows, 0));

      const uploads = await filesIn(sourceUploads);
      expect(Object.keys(uploads)).toHaveLength(3); // the image and its 400 and 200 px copies
      expect(await filesIn(targetUploads)).toEqual(uploads);

      await onTarget(async () => {
        expect(await checkLedgerInvariants()).toEqual({
          sumOfBalances: 0,
          drifted: [],
          unbalanced: [],
          negative: [],
        });
        // Sequences follow the restored ids, and the triggers are back on: a new transfer moves balances.
        const [{ max, next }] = await db.$queryRaw<{ max: bigint; next: bigint }[]>`
        SELECT (SELECT max(id) FROM "LedgerEntry") AS max, nextval(pg_get_serial_sequence('"LedgerEntry"', 'id')) AS next`;
        expect(next).toBeGreaterThan(max);
        const wallet = await db.$transaction((tx) => ensureWallet(tx, { userId: "restored-user" }));
        await db.$transaction((tx) =>
          transfer(tx, { from: CLEARING, to: wallet, amountFen: 700, reason: "DEPOSIT" }),
        );
        expect(await balanceOf(wallet)).toBe(700);
        expect((await checkLedgerInvariants()).drifted).toEqual([]);
      });
    },
  );

  it("refuses a database that holds data unless forced, then replaces it", { timeout: 120_000 }, async () => {
    const before = await fingerprint(targetUrl);
    await expect(restore()).rejects.toThrow(/not empty.*--force/);
    expect(await fingerprint(targetUrl)).toEqual(before);

    const summary = await restore(backupFile, true);
    expect(await fingerprint(targetUrl)).toEqual(await fingerprint(source.url()));
    expect(summary.previousUploads).toMatch(/uploads\.before-restore-\d{14}$/);
    expect(await filesIn(targetUploads)).toEqual(await filesIn(sourceUploads));
  });

  it(
    "counts a freshly migrated database as empty, and refuses a backup of another code version",
    { timeout: 60_000 },
    async () => {
      const fresh = `restore_${randomBytes(6).toString("hex")}`;
      const freshUrl = adminUrl.replace(/\/postgres$/, `/${fresh}`);
      await admin(`CREATE DATABASE ${fresh} TEMPLATE xiangke_template`);
      try {
        const uploadsDir = path.join(dataDir, "fresh", "uploads");
        await restoreBackup({ databaseUrl: freshUrl, file: backupFile, uploadsDir });
        expect(await fingerprint(freshUrl)).toEqual(await fingerprint(source.url()));
      } finally {
        await admin(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
      }

      const [first, ...rest] = gunzipSync(await readFile(backupFile))
        .toString("utf8")
        .split("\n");
      const header = JSON.parse(first!) as { migrations: string[] };
      for (const [name, migrations, message] of [
        ["older.gz", header.migrations.slice(0, -1), /older XiangKe/],
        ["newer.gz", [...header.migrations, "29990101000000_future"], /newer XiangKe/],
      ] as const) {
        const file = path.join(dataDir, name);
        await writeFile(file, gzipSync([JSON.stringify({ ...header, migrations }), ...rest].join("\n")));
        await expect(restore(file, true)).rejects.toThrow(message);
      }
    },
  );

  it(
    "refuses a truncated, damaged or foreign file and leaves the target as it was",
    { timeout: 60_000 },
    async () => {
      const before = await fingerprint(targetUrl);
      const uploadsBefore = await filesIn(targetUploads);
      const bytes = await readFile(backupFile);
      const plain = gunzipSync(bytes).toString("utf8");
      const damaged = Buffer.from(bytes);
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      const cases: [string, Buffer, RegExp][] = [
        [
          "truncated.gz",
          bytes.subarray(0, Math.floor(bytes.length / 2)),
          /not a readable XiangKe backup|truncated/,
        ],
        ["damaged.gz", damaged, /not a readable XiangKe backup|damaged/],
        [
          "no-footer.gz",
          gzipSync(plain.slice(0, plain.lastIndexOf("\\end "))),
          /truncated: it stops before its end marker/,
        ],
        ["foreign.gz", gzipSync('{"hello":"world"}\n'), /unknown format/],
        ["plain.txt", Buffer.from("not a backup\n"), /not a readable XiangKe backup/],
      ];
      for (const [name, content, message] of cases) {
        const file = path.join(dataDir, name);
        await writeFile(file, content);
        const error = await restore(file, true).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error, name).toBeInstanceOf(BackupError);
        expect((error as Error).message, name).toMatch(message);
      }
      expect(await fingerprint(targetUrl)).toEqual(before);
      expect(await filesIn(targetUploads)).toEqual(uploadsBefore);
    },
  );

  it(
    "refuses a backup whose ledger does not balance, even forced, and keeps the old data",
    { timeout: 60_000 },
    async () => {
      const before = await fingerprint(targetUrl);
      const lines = gunzipSync(await readFile(backupFile))
        .toString("utf8")
        .split("\n");
      const header = JSON.parse(lines[0]!) as { tables: { name: string; columns: string[] }[] };
      const balance = header.tables
        .find((table) => table.name === "LedgerAccount")!
        .columns.indexOf("balanceFen");
      const section = lines.indexOf('\\table "LedgerAccount"');
      const row = lines.findIndex((line, index) => index > section && line.startsWith("wallet:"));
      const fields = lines[row]!.split("\t");
      fields[balance] = String(Number(fields[balance]) + 1);
      lines[row] = fields.join("\t");
      const file = path.join(dataDir, "unbalanced.gz");
      await writeFile(file, gzipSync(lines.join("\n")));

      await expect(restore(file, true)).rejects.toThrow(/ledger does not balance/);
      expect(await fingerprint(targetUrl)).toEqual(before);
    },
  );
});
