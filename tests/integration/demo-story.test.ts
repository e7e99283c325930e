import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { enrolOnCourse } from "~/modules/bases/bases.server";
import { officerTasks } from "~/modules/bureau/officer-tasks.server";
import { demoTableCounts } from "~/modules/demo/demo-counts.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { syncReferenceData } from "~/modules/reference/reference.server";
import { COUNTIES, INDUSTRIES } from "~/modules/reference/reference";
import { listTalentCandidates } from "~/modules/pairings/talent.server";
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

  it("has characteristic towns with their plans and projects, training bases with courses held and to come, and local talent", async () => {
    const towns = await db.characteristicTown.findMany({
      select: {
        countyCode: true,
        ecologyPlan: true,
        functionPlan: true,
        industryPlan: true,
        environmentPlan: true,
        _count: { select: { projects: true } },
      },
    });
    expect(towns.length).toBeGreaterThanOrEqual(3);
    expect(new Set(towns.map((town) => town.countyCode)).size).toBe(towns.length);
    for (const town of towns) {
      expect(town._count.projects).toBeGreaterThan(0);
      for (const plan of [town.ecologyPlan, town.functionPlan, town.industryPlan, town.environmentPlan])
        expect(plan.length).toBeGreaterThan(10);
    }
    const linkedKinds = new Set(
      (await db.townProject.findMany({ select: { kind: true } })).map((p) => p.kind),
    );
    expect(linkedKinds).toEqual(new Set(["DEMO_SITE", "BRAND_PROJECT", "PROGRAMME_APPLICATION"]));

    const courses = await db.baseCourse.findMany({
      select: {
        startsOn: true,
        seats: true,
        trainees: { select: { withdrawnAt: true, completedAt: true, outcome: true } },
      },
    });
    expect(await db.trainingBase.count()).toBeGreaterThanOrEqual(2);
    const held = courses.filter((course) => course.startsOn < now);
    const coming = courses.filter((course) => course.startsOn > now);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((course) => course.trainees.some((t) => t.completedAt !== null))).toBe(true);
    expect(held.some((course) => course.trainees.some((t) => t.outcome !== null))).toBe(true);
    // One or two courses to come, each with places a farmer may still take.
    expect(coming.length).toBeGreaterThanOrEqual(1);
    expect(coming.length).toBeLessThanOrEqual(2);
    for (const course of coming) {
      expect(course.trainees.every((t) => t.completedAt === null)).toBe(true);
      expect(course.trainees.filter((t) => !t.withdrawnAt).length).toBeLessThan(course.seats);
    }

    // Local talent confirmed from attended trainings, some serving the village since.
    expect(await db.localTalentTraining.count()).toBeGreaterThan(5);
    expect(await db.localTalent.count({ where: { status: "SERVING" } })).toBeGreaterThan(0);
    expect(await db.localTalent.count({ where: { userId: null } })).toBeGreaterThan(0);
  });

  it("leaves something waiting on every story county officer's workspace, talent to confirm among it", async () => {
    const officers = await db.user.findMany({
      where: { primaryRole: "COUNTY", phone: { startsWith: "+86157" } },
      select: {
        id: true,
        primaryRole: true,
        countyCode: true,
        displayName: true,
        memberships: { select: { organisationId: true, role: true } },
      },
    });
    expect(officers.map((officer) => officer.countyCode).sort()).toEqual([
      "410308",
      "410326",
      "410328",
      "410329",
    ]);
    for (const officer of officers) {
      const tasks = await officerTasks(officer);
      expect({ officer: officer.displayName, desk: tasks?.desk }).toEqual({
        officer: officer.displayName,
        desk: "county",
      });
      expect({ officer: officer.displayName, waiting: tasks!.waiting.length > 0 }).toEqual({
        officer: officer.displayName,
        waiting: true,
      });
      // Trainees of the county who attended a held training and wait for this officer's confirmation.
      const candidates = await listTalentCandidates(officer);
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates.every((candidate) => candidate.countyCode === officer.countyCode)).toBe(true);
      expect(tasks!.waiting).toContainEqual({
        key: "talent",
        to: "/pairings/talent",
        count: candidates.length,
      });
    }
    // 洛宁's officer also has a funded project's schedule change to give an opinion on.
    const luoning = officers.find((officer) => officer.countyCode === "410328")!;
    expect((await officerTasks(luoning))!.waiting.map((task) => task.key)).toContain("monitoring");
  });

  it("dates the story's money by the events it belongs to, spread over the past year", async () => {
    const story = Prisma.sql`o."creditCode" LIKE '%MA0XT%'`;
    const milestoneMoney = await db.$queryRaw<{ reason: string; matches: boolean }[]>`
      SELECT t.reason::text, t."createdAt" = CASE t.reason
          WHEN 'MILESTONE_FUND' THEN m."fundedAt" WHEN 'MILESTONE_RELEASE' THEN m."releasedAt"
          WHEN 'MILESTONE_REFUND' THEN m."refundedAt" ELSE m."resolvedAt" END AS matches
      FROM "LedgerTransfer" t JOIN "Milestone" m ON m.id = t."milestoneId"
      JOIN "Agreement" ag ON ag.id = m."agreementId" JOIN "Need" n ON n.id = ag."needId"
      JOIN "Organisation" o ON o.id = n."organisationId"
      WHERE ${story} AND t.reason IN ('MILESTONE_FUND', 'MILESTONE_RELEASE', 'MILESTONE_REFUND', 'DISPUTE_RELEASE', 'DISPUTE_REFUND')`;
    expect(new Set(milestoneMoney.map((row) => row.reason)).size).toBe(5);
    expect(milestoneMoney.filter((row) => !row.matches)).toEqual([]);
    const grants = await db.$queryRaw<{ matches: boolean }[]>`
      SELECT t."createdAt" = d."decidedAt" AS matches FROM "DisbursementProposal" d
      JOIN "LedgerTransfer" t ON t.id = d."transferId"
      JOIN "ProgrammeApplication" pa ON pa.id = d."applicationId" JOIN "Organisation" o ON o.id = pa."organisationId"
      WHERE ${story}`;
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.filter((row) => !row.matches)).toEqual([]);
    // Every story wallet's bank deposit came before the wallet paid anything out.
    const early = await count(Prisma.sql`
      SELECT count(*) AS n FROM "LedgerEntry" out JOIN "LedgerAccount" a ON a.id = out."accountId"
      JOIN "Organisation" o ON o.id = a."organisationId"
      WHERE ${story} AND out."amountFen" < 0 AND out."createdAt" < (
        SELECT min(e."createdAt") FROM "LedgerEntry" e JOIN "LedgerTransfer" t ON t.id = e."transferId"
        WHERE e."accountId" = a.id AND t.reason = 'DEPOSIT')`);
    expect(early).toBe(0);
    // Months apart, and none after the moment the story was seeded for.
    const months = await db.$queryRaw<{ month: string; latest: Date }[]>`
      SELECT to_char(t."createdAt", 'YYYY-MM') AS month, max(t."createdAt") AS latest
      FROM "LedgerTransfer" t JOIN "LedgerAccount" a ON a.id IN (t."fromAccountId", t."toAccountId")
      JOIN "Organisation" o ON o.id = a."organisationId" WHERE ${story} GROUP BY 1`;
    expect(months.length).toBeGreaterThanOrEqual(6);
    expect(months.filter((row) => row.latest > now)).toEqual([]);
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
    [
      "a town links a project after both exist",
      Prisma.sql`SELECT tp.id FROM "TownProject" tp JOIN "CharacteristicTown" t ON t.id = tp."townId"
        LEFT JOIN "DemoSite" d ON d.id = tp."demoSiteId" LEFT JOIN "BrandProject" b ON b.id = tp."brandProjectId"
        LEFT JOIN "ProgrammeApplication" pa ON pa.id = tp."programmeApplicationId"
        WHERE tp."createdAt" < t."createdAt" OR tp."createdAt" > ${now} OR tp."createdAt" < d."createdAt"
          OR tp."createdAt" < b."createdAt" OR tp."createdAt" < pa."decidedAt"`,
    ],
    [
      "a trainee enrols on a base course after registering and before it starts, and finishes after it ends",
      Prisma.sql`SELECT bt."courseId" FROM "BaseTrainee" bt JOIN "BaseCourse" c ON c.id = bt."courseId"
        JOIN "TrainingBase" b ON b.id = c."baseId" JOIN "User" u ON u.id = bt."userId"
        WHERE c."createdAt" < b."createdAt" OR bt."enrolledAt" < c."createdAt" OR bt."enrolledAt" < u."createdAt"
          OR bt."enrolledAt" > c."startsOn" OR bt."enrolledAt" > ${now} OR bt."completedAt" < c."endsOn"
          OR bt."completedAt" > ${now} OR bt."withdrawnAt" < bt."enrolledAt"`,
    ],
    [
      "a county confirms a local talent after the training, and they serve after being recorded",
      Prisma.sql`SELECT lt."talentId" FROM "LocalTalentTraining" lt JOIN "Training" t ON t.id = lt."trainingId"
        JOIN "LocalTalent" l ON l.id = lt."talentId"
        WHERE lt."confirmedAt" < t."startsAt" OR lt."confirmedAt" > ${now} OR t.status <> 'HELD'
          OR l."createdAt" > lt."confirmedAt"
        UNION ALL SELECT id FROM "LocalTalent" WHERE "servingSince" < "createdAt" OR "servingSince" > ${now}`,
    ],
    [
      "a project asks for a change after it was approved",
      Prisma.sql`SELECT c.id FROM "ProjectChangeRequest" c JOIN "ProgrammeApplication" pa ON pa.id = c."applicationId"
        WHERE c."createdAt" < pa."decidedAt" OR c."createdAt" > ${now}`,
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
  "CharacteristicTown",
  "TownProject",
  "TrainingBase",
  "BaseCourse",
  "BaseTrainee",
  "LocalTalent",
  "LocalTalentTraining",
  "ProjectChangeRequest",
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

// After the two seeds are compared: this adds a row to the first database.
describe("the demo's farmer", () => {
  it("can enrol on a story training-base course still to come", async () => {
    // The course is open as of the moment the story was seeded for.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
    try {
      const farmer = await db.user.findFirstOrThrow({
        where: { phone: "+8613800000002" },
        select: {
          id: true,
          primaryRole: true,
          memberships: { select: { organisationId: true, role: true } },
        },
      });
      const course = await db.baseCourse.findFirstOrThrow({
        where: { startsOn: { gt: now } },
        orderBy: { startsOn: "asc" },
        select: { id: true },
      });
      expect(await enrolOnCourse(farmer, course.id, "PROFESSIONAL_FARMER")).toEqual({ enrolled: true });
      expect(
        await db.baseTrainee.count({ where: { courseId: course.id, userId: farmer.id, withdrawnAt: null } }),
      ).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
