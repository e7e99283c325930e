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
import { percentile, round } from "./lib";
import { thisMachine, writeResults } from "./results-file";

const READS = Number(process.env.BENCH_READS ?? 4_000);
const CALLERS = 10;

const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-reads-"));
const database = await startEmbeddedPostgres(dir, pino({ level: "warn" }));
process.env.DATABASE_URL = database.url;

/** The first page of the public needs list, as `listNeeds` reads it, in one statement. */
const PAGE_SQL = `
  SELECT n.id, n.kind, n.title, n.industry, n."countyCode", n.village, n."budgetMinFen",
    n."budgetMaxFen", n.urgency, n.arrangements::text[] AS arrangements, n.deadline, n.status, n."publishedAt",
    CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name,
      'verifiedAt', o."verifiedAt", 'povertyVillageAt', o."povertyVillageAt") END AS organisation,
    json_build_object('id', u.id, 'displayName', u."displayName", 'verifiedAt', u."verifiedAt") AS "postedBy",
    coalesce((SELECT json_agg(json_build_object('uploadId', p."uploadId"))
      FROM (SELECT "uploadId" FROM "NeedPhoto" WHERE "needId" = n.id ORDER BY "sortOrder" LIMIT 1) p),
      '[]') AS photos,
    (SELECT count(*)::int FROM "Application" a WHERE a."needId" = n.id) AS applications
  FROM "Need" n
  LEFT JOIN "Organisation" o ON o.id = n."organisationId"
  JOIN "User" u ON u.id = n."postedById"
  WHERE n."hiddenAt" IS NULL AND n."invitationOnly" = false AND n.status = 'OPEN'
  ORDER BY n."publishedAt" DESC, n.id DESC
  LIMIT 20`;
const COUNT_SQL = `SELECT count(*)::int AS total FROM "Need" n
  WHERE n."hiddenAt" IS NULL AND n."invitationOnly" = false AND n.status = 'OPEN'`;

type Row = Record<string, unknown>;

/** A raw row in the shape Prisma's select gives: nested dates as Date, the count under _count. */
function shaped(row: Row): Row {
  const { applications, organisation, postedBy, ...card } = row;
  const dated = (value: unknown) => {
    if (!value) return value;
    const object = value as Row;
    return Object.fromEntries(
      Object.entries(object).map(([key, field]) => [
        key,
        key.endsWith("At") && typeof field === "string" ? new Date(field) : field,
      ]),
    );
  };
  return {
    ...card,
    organisation: dated(organisation),
    postedBy: dated(postedBy),
    _count: { applications },
  };
}

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
  const { listNeeds, publishedWhere } = await import("~/modules/needs/needs.queries.server");
  await syncReferenceData(db);
  await seedDemoData(db, new Date(), { story: true });

  const filters = { status: "OPEN", sort: "newest", page: 1 } as Parameters<typeof listNeeds>[0];
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const where = publishedWhere({});
  const viaPrisma = async () => {
    const [total, items] = await db.$transaction([
      db.need.count({ where }),
      db.need.findMany({
        where,
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: 20,
        select: {
          id: true,
          kind: true,
          title: true,
          industry: true,
          countyCode: true,
          village: true,
          budgetMinFen: true,
          budgetMaxFen: true,
          urgency: true,
          arrangements: true,
          deadline: true,
          status: true,
          publishedAt: true,
          organisation: { select: { id: true, name: true, verifiedAt: true, povertyVillageAt: true } },
          postedBy: { select: { id: true, displayName: true, verifiedAt: true } },
          photos: { orderBy: { sortOrder: "asc" }, take: 1, select: { uploadId: true } },
          _count: { select: { applications: true } },
        },
      }),
    ]);
    return { items, total };
  };
  const viaRaw = async () => {
    const { items, total } = await listNeeds(filters);
    return { items, total };
  };
  const viaPg = async () => {
    const [page, count] = await Promise.all([pool.query<Row>(PAGE_SQL), pool.query(COUNT_SQL)]);
    return { items: page.rows.map(shaped), total: count.rows[0].total as number };
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
