// npm run bench:reads — the cost of the hottest read (the needs list's first page: 20 cards and
// the total) through Prisma's model query (what the list used before docs/decisions/044), through
// the app's listNeeds (the same rows in one SQL statement through Prisma's raw query) and the same
// SQL through a bare pg pool, in one run, on one embedded PostgreSQL with the demo (story included).
// Every variant returns the same rows (checked before timing), so the work is equal; what differs
// is the client-side cost: building the query, parsing and shaping the answer. Figures: requests a
// second at 10 concurrent callers (the pool's size) and this process's CPU per read.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { applyDatabaseRules, runPrismaCli } from "../server/migrate";
import type { NeedCardRow } from "~/modules/needs/needs.queries.server";
import { percentile, round } from "./lib";
import { thisMachine, writeResults } from "./results-file";

const READS = Number(process.env.BENCH_READS ?? 4_000);
const CALLERS = 10;

const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-reads-"));
const database = await startEmbeddedPostgres(dir, pino({ level: "warn" }));
process.env.DATABASE_URL = database.url;

interface Phase {
  readsPerSecond: number;
  cpuMsPerRead: number;
  p95Ms: number;
}

async function measure(once: () => Promise<unknown>): Promise<Phase> {
  for (let i = 0; i < 200; i++) await once(); // warm-up: JIT, pool, plans
  const times: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < READS) {
        next++;
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return {
    readsPerSecond: round(times.length / seconds),
    cpuMsPerRead: round((used.user + used.system) / 1000 / times.length, 3),
    p95Ms: round(percentile(times, 95), 2),
  };
}

try {
  await runPrismaCli(["migrate", "deploy"], database.url);
  await applyDatabaseRules(database.url);
  const { db } = await import("~/db.server");
  const { syncReferenceData } = await import("~/modules/reference/reference.server");
  const { seedDemoData } = await import("~/modules/demo/seed.server");
  const { NEED_CARD_SELECT, listNeeds, needsPageQuery, publishedWhere, readNeedsPage } =
    await import("~/modules/needs/needs.queries.server");
  await syncReferenceData(db);
  await seedDemoData(db, new Date(), { story: true });

  const filters = { status: "OPEN", sort: "newest", page: 1 } as Parameters<typeof listNeeds>[0];
  const query = needsPageQuery(filters);
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const where = publishedWhere({});
  const viaPrisma = async () => {
    const [total, items] = await db.$transaction([
      db.need.count({ where }),
      db.need.findMany({
        where,
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: 20,
        select: NEED_CARD_SELECT,
      }),
    ]);
    return { items, total };
  };
  const viaRaw = async () => {
    const { items, total } = await listNeeds(filters);
    return { items, total };
  };
  const viaPg = async () => {
    const { rows } = await pool.query<NeedCardRow & { total: number }>(query.text, query.values);
    return readNeedsPage(rows);
  };

  // Equal work: the three answers are the same rows, field for field.
  const expected = await viaPrisma();
  if (expected.items.length === 0) throw new Error("the demo has no open needs to list");
  for (const [name, variant] of [
    ["listNeeds", viaRaw],
    ["bare pg", viaPg],
  ] as const) {
    const answer = await variant();
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(answer)), JSON.parse(JSON.stringify(expected))))
      throw new Error(
        `${name} does not return what Prisma's model query returns:\n${JSON.stringify(answer.items[0])}\n${JSON.stringify(expected.items[0])}`,
      );
  }

  const prisma = await measure(viaPrisma);
  const raw = await measure(viaRaw);
  const bare = await measure(viaPg);
  await pool.end();
  await db.$disconnect();

  const rows = [
    { variant: "Prisma model query (before decision 044)", ...prisma },
    { variant: "listNeeds: one SQL statement through Prisma $queryRaw", ...raw },
    { variant: "same SQL through a bare pg pool", ...bare },
  ];
  console.log(
    `\nbench:reads — the needs list's first page (${expected.items.length} cards of ${expected.total}), ${READS} reads at ${CALLERS} callers, ${thisMachine().cores} cores\n`,
  );
  console.table(rows);
  console.log(
    `Prisma model query: ${round(prisma.readsPerSecond / bare.readsPerSecond, 2)}× the bare pool's reads/s, ` +
      `${round(prisma.cpuMsPerRead / bare.cpuMsPerRead, 2)}× its CPU a read; ` +
      `listNeeds: ${round(raw.readsPerSecond / bare.readsPerSecond, 2)}× and ${round(raw.cpuMsPerRead / bare.cpuMsPerRead, 2)}×`,
  );
  writeResults("reads", { machine: thisMachine(), reads: READS, callers: CALLERS, rows });
} finally {
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
}
