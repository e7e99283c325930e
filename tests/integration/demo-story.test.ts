import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { demoTableCounts } from "~/modules/demo/demo-counts.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { syncReferenceData } from "~/modules/reference/reference.server";
import { COUNTIES, INDUSTRIES } from "~/modules/reference/reference";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
// A fixed moment, so the second database below is seeded for exactly the same calendar.
const now = new Date("2026-11-20T04:00:00Z");
let seedMs = 0;

beforeAll(async () => {
  const started = performance.now();
  expect(await seedDemoData(db, now)).toBe(true);
  seedMs = performance.now() - started;
  console.info(`demo seed with the story: ${Math.round(seedMs)} ms`);
}, 60_000);

const count = async (query: Prisma.Sql) => Number((await db.$queryRaw<{ n: bigint }[]>(query))[0]!.n);

describe("the demo story", () => {
  it("seeds in well under half a minute", () => {
    expect(seedMs).toBeGreaterThan(0);
    expect(seedMs).toBeLessThan(30_000);
  });

  it("gives every county needs posted and matched, and commissioners, on the dashboard", async () => {
    const { dashboardFigures } = await import("~/modules/dashboard/dashboard.server");
    const figures = await dashboardFigures();
    expect(figures.counties.map((row) => row.countyCode).sort()).toEqual(COUNTIES.map((c) => c.code).sort());
    const empty = figures.counties.filter(
      (row) => row.needsPosted === 0 || row.needsMatched === 0 || row.commissioners === 0,
    );
    expect(empty).toEqual([]);
  });

  it("posts needs and offers in every industry and fills the plan's other tables", async () => {
    const needIndustries = await db.need.groupBy({ by: ["industry"], _count: true });
    const offerIndustries = await db.offer.groupBy({ by: ["industry"], _count: true });
    for (const { code } of INDUSTRIES) {
      expect(needIndustries.find((row) => row.industry === code)?._count ?? 0).toBeGreaterThan(0);
      expect(offerIndustries.find((row) => row.industry === code)?._count ?? 0).toBeGreaterThan(0);
    }
    expect(await db.need.count()).toBeGreaterThanOrEqual(60);
    expect(await db.offer.count()).toBeGreaterThanOrEqual(40);
    const statuses = async (model: "application" | "agreement" | "milestone") =>
      new Set(
        (
          await (db[model] as unknown as { findMany: (a: object) => Promise<{ status: string }[]> }).findMany(
            {
              select: { status: true },
            },
          )
        ).map((row) => row.status),
      );
    expect(await statuses("application")).toEqual(
      new Set(["SUBMITTED", "SHORTLISTED", "ACCEPTED", "DECLINED", "WITHDRAWN"]),
    );
    for (const status of ["DRAFT", "PROPOSED", "ACTIVE", "COMPLETED", "TERMINATED", "DISPUTED"])
      expect(await statuses("agreement")).toContain(status);
    for (const status of ["PLANNED", "FUNDED", "SUBMITTED", "RELEASED", "DISPUTED", "RESOLVED", "REFUNDED"])
      expect(await statuses("milestone")).toContain(status);
    const types = await count(Prisma.sql`
      SELECT count(DISTINCT c->>'type') AS n FROM "AgreementVersion" v, jsonb_array_elements(v.terms->'components') c`);
    expect(types).toBe(5);
    expect(await db.equityHolding.count()).toBeGreaterThan(0);
    expect(await db.revenueReport.count({ where: { status: "SETTLED" } })).toBeGreaterThan(0);
    expect(await db.serviceLog.count()).toBeGreaterThan(50);
    expect(await db.trainingSignup.count({ where: { attended: true } })).toBeGreaterThan(0);
    expect(await db.spaceProfile.count({ where: { recognisedAt: { not: null } } })).toBeGreaterThanOrEqual(3);
    expect(await db.serviceRequest.count()).toBeGreaterThan(0);
    expect(
      new Set((await db.brandProject.findMany({ select: { stage: true } })).map((p) => p.stage)).size,
    ).toBe(6);
    expect(await db.sanction.count({ where: { kind: "CLAWBACK" } })).toBeGreaterThan(0);
    expect(await db.sanction.count({ where: { kind: "BAN" } })).toBeGreaterThan(1);
    const programmeStatuses = new Set(
      (await db.programmeApplication.findMany({ select: { status: true } })).map((row) => row.status),
    );
    for (const status of ["SUBMITTED", "APPROVED", "REJECTED", "DISBURSED", "EVALUATED", "WITHDRAWN"])
      expect(programmeStatuses).toContain(status);
    expect(await db.commissionerCohort.count({ where: { kind: "SANQU" } })).toBeGreaterThan(0);
    expect(await db.commissionerTeam.count()).toBeGreaterThan(0);
    expect(await db.household.count({ where: { status: "RELAPSED" } })).toBeGreaterThan(0);
    expect(await db.villageStatusYear.count({ where: { status: "LIFTED" } })).toBeGreaterThan(0);
    expect(await db.benefitPayment.count()).toBeGreaterThan(0);
    expect(await db.financingOutcome.count({ where: { status: "CONFIRMED" } })).toBeGreaterThan(0);
    expect(await db.pairingReport.count()).toBeGreaterThan(0);
    expect(
      await db.applicationRevision.count({ where: { side: "POSTER", status: "PROPOSED" } }),
    ).toBeGreaterThan(1);
    expect(await db.commissionerVenture.count({ where: { equityHoldingId: { not: null } } })).toBeGreaterThan(
      0,
    );
  });

  // One query per dependency the story adds beyond tests/integration/demo-timeline.test.ts.
  const INVERSIONS: [string, Prisma.Sql][] = [
    [
      "an agreement is signed after its need was posted",
      Prisma.sql`SELECT ag.id FROM "Agreement" ag JOIN "Need" n ON n.id = ag."needId"
        WHERE ag."activatedAt" < n."publishedAt" OR ag."createdAt" < n."publishedAt"`,
    ],
    [
      "a milestone is paid out after it was funded, and funded after the need was posted",
      Prisma.sql`SELECT m.id FROM "Milestone" m JOIN "Agreement" ag ON ag.id = m."agreementId"
        JOIN "Need" n ON n.id = ag."needId"
        WHERE m."releasedAt" < m."fundedAt" OR m."fundedAt" < n."publishedAt" OR m."resolvedAt" < m."fundedAt"`,
    ],
    [
      "nothing the story dates is in the future but trainings announced and review deadlines",
      Prisma.sql`SELECT id FROM "Milestone" WHERE "fundedAt" > ${now} OR "submittedAt" > ${now} OR "releasedAt" > ${now}
        UNION ALL SELECT id FROM "Need" WHERE "publishedAt" > ${now}
        UNION ALL SELECT id FROM "ServiceLog" WHERE date > ${now} OR "createdAt" > ${now}
        UNION ALL SELECT id FROM "Message" WHERE "createdAt" > ${now}
        UNION ALL SELECT id FROM "RevenueReport" WHERE "createdAt" > ${now} OR "settledAt" > ${now}`,
    ],
    [
      "a message follows the application it is about",
      Prisma.sql`SELECT m.id FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        JOIN "Application" a ON a.id = c."applicationId" WHERE m."createdAt" < a."createdAt"`,
    ],
    [
      "a commissioner logs service after being assigned, in the assignment's county",
      Prisma.sql`SELECT l.id FROM "ServiceLog" l JOIN "CommissionerAssignment" a ON a.id = l."assignmentId"
        JOIN "User" u ON u.id = a."userId"
        WHERE l.date < u."createdAt" OR l."countyCode" <> a."countyCode" OR l."createdAt" < l.date`,
    ],
    [
      "a farmer signs up for a training after registering and before it starts",
      Prisma.sql`SELECT s."trainingId" FROM "TrainingSignup" s JOIN "Training" t ON t.id = s."trainingId"
        JOIN "User" u ON u.id = s."userId" WHERE s."createdAt" < u."createdAt" OR s."createdAt" > t."startsAt"
        OR (s.attended AND t."startsAt" > ${now})`,
    ],
    [
      "a programme application is pre-screened, reviewed, decided, paid, reported and evaluated in that order",
      Prisma.sql`SELECT pa.id FROM "ProgrammeApplication" pa
        LEFT JOIN "CountyOpinion" o ON o."applicationId" = pa.id
        LEFT JOIN "ProgrammeOutcome" out ON out."applicationId" = pa.id
        LEFT JOIN "DisbursementProposal" d ON d."applicationId" = pa.id
        WHERE o."createdAt" < pa."createdAt" OR pa."decidedAt" < o."createdAt"
          OR d."proposedAt" < pa."decidedAt" OR d."decidedAt" < d."proposedAt"
          OR out."reportedAt" < d."decidedAt" OR out."evaluatedAt" < out."reportedAt"
          OR EXISTS (SELECT 1 FROM "ProgrammeReview" r WHERE r."applicationId" = pa.id
                     AND (r."createdAt" < pa."createdAt" OR r."createdAt" > pa."decidedAt"))`,
    ],
    [
      "a claw-back follows the evaluation, and the ban the claw-back",
      Prisma.sql`SELECT s.id FROM "Sanction" s JOIN "ProgrammeOutcome" out ON out."applicationId" = s."programmeApplicationId"
        WHERE s."createdAt" < out."evaluatedAt"
        UNION ALL
        SELECT b.id FROM "Sanction" b JOIN "Sanction" c ON c."programmeApplicationId" = b."programmeApplicationId"
        AND c.kind = 'CLAWBACK' WHERE b.kind = 'BAN' AND b."startsAt" < c."createdAt"`,
    ],
    [
      "a service request comes after the service is published and is answered after it is made",
      Prisma.sql`SELECT r.id FROM "ServiceRequest" r JOIN "SpaceService" s ON s.id = r."serviceId"
        WHERE r."createdAt" < s."publishedAt" OR r."respondedAt" < r."createdAt" OR r."completedAt" < r."respondedAt"`,
    ],
    [
      "a brand project's stages happen in order after it starts",
      Prisma.sql`SELECT e.id FROM "BrandStageEvent" e JOIN "BrandProject" p ON p.id = e."projectId"
        WHERE e."createdAt" < p."createdAt" OR e."createdAt" > ${now}`,
    ],
    [
      "a household is paid after its linkage started, for a period that has ended",
      Prisma.sql`SELECT p.id FROM "BenefitPayment" p JOIN "BenefitLinkage" l ON l.id = p."linkageId"
        WHERE p."periodStart" < l."startedOn" OR p."paidOn" < p."periodEnd" OR p."paidOn" > ${now}`,
    ],
    [
      "a bank offers after the need is posted and lends after its offer is accepted",
      Prisma.sql`SELECT o.id FROM "FinancingOffer" o JOIN "FinancingNeed" n ON n.id = o."needId"
        WHERE o."createdAt" < n."createdAt" OR o."decidedAt" < o."createdAt"
        UNION ALL
        SELECT x.id FROM "FinancingOutcome" x JOIN "FinancingOffer" o ON o.id = x."offerId"
        WHERE x."recordedAt" < o."decidedAt" OR x."confirmedAt" < x."recordedAt"`,
    ],
  ];

  it.each(INVERSIONS)("keeps its timeline: %s", async (_name, query) => {
    expect(await db.$queryRaw<unknown[]>(query)).toEqual([]);
  });

  it("moves every fen through the ledger's own functions, and the ledger's invariants hold", async () => {
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
    // Every fen that left escrow went in first, and a settled milestone's escrow is empty.
    const leftovers = await count(Prisma.sql`
      SELECT count(*) AS n FROM "Milestone" m JOIN "LedgerAccount" a ON a.id = 'escrow:' || m.id
      WHERE m.status IN ('RELEASED', 'RESOLVED', 'REFUNDED') AND a."balanceFen" <> 0`);
    expect(leftovers).toBe(0);
    const held = await count(Prisma.sql`
      SELECT count(*) AS n FROM "Milestone" m JOIN "LedgerAccount" a ON a.id = 'escrow:' || m.id
      WHERE m.status IN ('FUNDED', 'SUBMITTED', 'REJECTED', 'DISPUTED') AND a."balanceFen" <> m."amountFen"`);
    expect(held).toBe(0);
    const unfundedWithMoney = await count(Prisma.sql`
      SELECT count(*) AS n FROM "Milestone" m JOIN "LedgerAccount" a ON a.id = 'escrow:' || m.id
      WHERE m.status = 'PLANNED' AND a."balanceFen" <> 0
        AND NOT EXISTS (SELECT 1 FROM "MilestoneFunder" f WHERE f."milestoneId" = m.id)`);
    expect(unfundedWithMoney).toBe(0);
    const disbursed = await count(Prisma.sql`
      SELECT count(*) AS n FROM "ProgrammeApplication" pa
      WHERE pa."disbursedFen" <> coalesce((SELECT sum(t."amountFen") FROM "LedgerTransfer" t
        WHERE t."programmeApplicationId" = pa.id AND t.reason = 'DISBURSEMENT'), 0)`);
    expect(disbursed).toBe(0);
  });

  it("counts what reached each table for the start-up log", async () => {
    const counts = await demoTableCounts(db);
    const of = (table: string) => counts.find((row) => row.table === table)?.rows;
    expect(of("Need")).toBe(await db.need.count());
    expect(of("LedgerTransfer")).toBe(await db.ledgerTransfer.count());
    expect(counts.every((row) => row.rows > 0)).toBe(true);
  });

  it("adds nothing when seeded a second time", async () => {
    const before = await demoTableCounts(db);
    expect(await seedDemoData(db, now)).toBe(false);
    expect(await demoTableCounts(db)).toEqual(before);
  });
});

/** The rows of a table as comparable text, without what differs by design from seed to seed. */
const VOLATILE = /(^id$|Id$|Ids$|^updatedAt$|^passwordHash$)/;
const TABLES = [
  "Organisation",
  "User",
  "ExpertProfile",
  "Need",
  "Offer",
  "Application",
  "Message",
  "Agreement",
  "AgreementVersion",
  "Milestone",
  "CommissionerAssignment",
  "ServiceLog",
  "Training",
  "Programme",
  "ProgrammeApplication",
  "Sanction",
  "SpaceService",
  "ServiceRequest",
  "BrandProject",
  "Review",
];
async function fingerprint() {
  const result: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    result[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row).filter(([column]) => !VOLATILE.test(column)),
          (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
        ),
      )
      .sort();
  }
  const balances = await db.$queryRaw<{ kind: string; balanceFen: number }[]>`
    SELECT kind::text, "balanceFen" FROM "LedgerAccount" ORDER BY kind, "balanceFen"`;
  result.LedgerAccount = balances.map((row) => `${row.kind}:${row.balanceFen}`);
  // The story's own rows carry ids from its seeded generator: the same ids every time.
  result.storyIds = (
    await db.need.findMany({
      where: { organisation: { creditCode: { contains: "MA0XT" } } },
      select: { id: true },
      orderBy: { id: "asc" },
    })
  ).map((row) => row.id);
  return result;
}

describe("two fresh seeds for the same moment", () => {
  const second = `test_story_${Date.now().toString(36)}`;
  const adminUrl = inject("postgresAdminUrl");
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${second} WITH (FORCE)`);
    await admin.end();
  });

  it("write the same story", async () => {
    const first = await fingerprint();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${second} TEMPLATE xiangke_template`);
    await admin.end();
    const firstUrl = database.url();
    process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${second}`);
    try {
      await syncReferenceData(db);
      expect(await seedDemoData(db, now)).toBe(true);
      const again = await fingerprint();
      for (const table of Object.keys(first))
        expect({ table, rows: again[table] }).toEqual({ table, rows: first[table] });
      expect(first.storyIds!.length).toBeGreaterThan(60);
    } finally {
      await db.$disconnect();
      process.env.DATABASE_URL = firstUrl;
    }
  }, 90_000);
});
