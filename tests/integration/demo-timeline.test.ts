import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DEMO_DEPOSIT_REFERENCE } from "~/modules/demo/seed-cofunding.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { DAY } from "~/modules/demo/demo-timeline";
import { checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { isValidCreditCode } from "~/modules/verification/identity-codes";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const now = new Date();
let seededBy: Date;

beforeAll(async () => {
  expect(await seedDemoData(db, now)).toBe(true);
  // The ledger stamps transfers with the database's clock during the seed: allow up to its end.
  seededBy = new Date();
});

/** The rows breaking one dependency: each query selects what happened too early. */
const violations = (query: Prisma.Sql) => db.$queryRaw<Record<string, unknown>[]>(query);

// One query per dependency "B cannot happen before A", so a seed change that breaks one names it.
const DEPENDENCIES: [string, Prisma.Sql][] = [
  [
    "a person registers before posting a need",
    Prisma.sql`SELECT n.id FROM "Need" n JOIN "User" u ON u.id = n."postedById" WHERE n."publishedAt" < u."createdAt"`,
  ],
  [
    "an organisation registers before it is verified",
    Prisma.sql`SELECT id FROM "Organisation" WHERE "verifiedAt" < "createdAt"`,
  ],
  [
    "a person registers before joining an organisation",
    Prisma.sql`SELECT m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."createdAt" < u."createdAt"`,
  ],
  [
    "a need is drafted before it is published",
    Prisma.sql`SELECT id FROM "Need" WHERE "publishedAt" < "createdAt"`,
  ],
  [
    "a need is published before anyone applies",
    Prisma.sql`SELECT a.id FROM "Application" a JOIN "Need" n ON n.id = a."needId"
      WHERE n."publishedAt" IS NULL OR a."createdAt" < n."publishedAt"`,
  ],
  [
    "a need is published before an expert is invited to it",
    Prisma.sql`SELECT i.id FROM "NeedInvitation" i JOIN "Need" n ON n.id = i."needId"
      WHERE n."publishedAt" IS NULL OR i."createdAt" < n."publishedAt" OR i."respondedAt" < i."createdAt"`,
  ],
  [
    "an application comes before its counter-offers",
    Prisma.sql`SELECT r.id FROM "ApplicationRevision" r JOIN "Application" a ON a.id = r."applicationId"
      WHERE r."createdAt" < a."createdAt"`,
  ],
  [
    "each counter-offer follows the one before it and is answered after it is made",
    Prisma.sql`SELECT r.id FROM "ApplicationRevision" r
      JOIN "ApplicationRevision" prev ON prev."applicationId" = r."applicationId" AND prev.number = r.number - 1
      WHERE r."createdAt" < prev."createdAt" OR r."respondedAt" < r."createdAt"`,
  ],
  [
    "an application is accepted after it and its counter-offers were made",
    Prisma.sql`SELECT a.id FROM "Application" a WHERE a."decidedAt" < a."createdAt"
      OR EXISTS (SELECT 1 FROM "ApplicationRevision" r WHERE r."applicationId" = a.id AND r."createdAt" > a."decidedAt")`,
  ],
  [
    "an agreement is drafted after its application was accepted",
    Prisma.sql`SELECT ag.id FROM "Agreement" ag JOIN "Application" a ON a.id = ag."applicationId"
      WHERE a."decidedAt" IS NULL OR ag."createdAt" < a."decidedAt"`,
  ],
  [
    "an agreement's version is proposed after the draft and signed after it is proposed",
    Prisma.sql`SELECT v.id FROM "AgreementVersion" v JOIN "Agreement" ag ON ag.id = v."agreementId"
      WHERE v."createdAt" < ag."createdAt" OR v."proposedAt" < v."createdAt" OR v."signedAt" < v."proposedAt"`,
  ],
  [
    "each signature comes after the proposal and by the time the version is signed",
    Prisma.sql`SELECT s.id FROM "AgreementSignature" s JOIN "AgreementVersion" v ON v.id = s."versionId"
      WHERE s."signedAt" < v."proposedAt" OR s."signedAt" > v."signedAt"`,
  ],
  [
    "an agreement is in force once signed",
    Prisma.sql`SELECT ag.id FROM "Agreement" ag JOIN "AgreementVersion" v ON v."agreementId" = ag.id AND v.version = 1
      WHERE ag."activatedAt" < v."signedAt"`,
  ],
  [
    "milestones and their payers are set out with the draft",
    Prisma.sql`SELECT m.id FROM "Milestone" m JOIN "Agreement" ag ON ag.id = m."agreementId"
      WHERE m."createdAt" < ag."createdAt" OR m."createdAt" > ag."activatedAt"
      UNION ALL
      SELECT f.id FROM "MilestoneFunder" f JOIN "Milestone" m ON m.id = f."milestoneId"
      WHERE f."createdAt" < m."createdAt"`,
  ],
  [
    "money goes into escrow after the agreement is signed",
    Prisma.sql`SELECT t.id FROM "LedgerTransfer" t JOIN "Agreement" ag ON ag.id = t."agreementId"
      WHERE t.reason = 'MILESTONE_FUND' AND (ag."activatedAt" IS NULL OR t."createdAt" < ag."activatedAt")`,
  ],
  [
    "a milestone and each co-funding share are funded after signing, when their transfer was made",
    Prisma.sql`SELECT m.id FROM "Milestone" m JOIN "Agreement" ag ON ag.id = m."agreementId"
      WHERE m."fundedAt" < ag."activatedAt"
      UNION ALL
      SELECT f.id FROM "MilestoneFunder" f LEFT JOIN "LedgerTransfer" t ON t.id = f."transferId"
      WHERE f."fundedAt" IS NOT NULL AND (t.id IS NULL OR f."fundedAt" <> t."createdAt")`,
  ],
  [
    "work is delivered after it is funded, and accepted or disputed after delivery",
    Prisma.sql`SELECT id FROM "Milestone" WHERE "submittedAt" < "fundedAt" OR "releasedAt" < "submittedAt"
      OR "disputedAt" < "fundedAt" OR "resolvedAt" < "disputedAt" OR "refundedAt" < "fundedAt"`,
  ],
  [
    "an agreement is completed after it came into force",
    Prisma.sql`SELECT id FROM "Agreement" WHERE "completedAt" < "activatedAt" OR "terminatedAt" < "activatedAt"`,
  ],
  [
    "reviews come after completion, are published after they are written, replies after that",
    Prisma.sql`SELECT r.id FROM "Review" r JOIN "Agreement" ag ON ag.id = r."agreementId"
      WHERE ag."completedAt" IS NULL OR r."createdAt" < ag."completedAt"
        OR r."publishedAt" < r."createdAt" OR r."repliedAt" < r."publishedAt"`,
  ],
  [
    "a funding call is drafted, then opened, before anyone applies",
    Prisma.sql`SELECT p.id FROM "Programme" p WHERE p."publishedAt" < p."createdAt"
      UNION ALL
      SELECT pa.id FROM "ProgrammeApplication" pa JOIN "Programme" p ON p.id = pa."programmeId"
      WHERE p."publishedAt" IS NULL OR pa."createdAt" < p."publishedAt"`,
  ],
  [
    "a programme opens before it co-funds an agreement",
    Prisma.sql`SELECT f.id FROM "MilestoneFunder" f
      JOIN "Programme" p ON f."accountId" = 'programme:' || p.id
      JOIN "Milestone" m ON m.id = f."milestoneId" JOIN "Agreement" ag ON ag.id = m."agreementId"
      WHERE p."publishedAt" IS NULL OR ag."createdAt" < p."publishedAt"`,
  ],
  [
    "an informant is appointed, and the farmer consents, before the need is posted for them",
    Prisma.sql`SELECT p."needId" FROM "ProxyPosting" p JOIN "Need" n ON n.id = p."needId"
      JOIN "Informant" i ON i."userId" = p."informantId"
      WHERE n."publishedAt" < p."consentAt" OR n."publishedAt" < i."appointedAt"`,
  ],
  [
    "a space's organisation exists before it is recognised; a demonstration site before it is designated",
    Prisma.sql`SELECT sp."organisationId" FROM "SpaceProfile" sp JOIN "Organisation" o ON o.id = sp."organisationId"
      WHERE sp."recognisedAt" < o."createdAt"
      UNION ALL
      SELECT id FROM "DemoSite" WHERE "designatedAt" < "createdAt"`,
  ],
  [
    "every bank deposit was recorded by finance as an offline deposit",
    Prisma.sql`SELECT t.id FROM "LedgerTransfer" t LEFT JOIN "OfflineDeposit" d ON d."transferId" = t.id
      WHERE t.reason = 'DEPOSIT' AND (d.id IS NULL OR d."amountFen" <> t."amountFen" OR d."accountId" <> t."toAccountId")`,
  ],
];

describe("the demo's timeline", () => {
  it.each(DEPENDENCIES)("%s", async (_name, query) => {
    expect(await violations(query)).toEqual([]);
  });

  it("has something to check for the dependencies that matter most", async () => {
    expect(await db.applicationRevision.count()).toBeGreaterThan(1);
    expect(await db.agreement.count({ where: { completedAt: { not: null } } })).toBeGreaterThan(0);
    expect(await db.review.count()).toBeGreaterThan(0);
    expect(await db.ledgerTransfer.count({ where: { reason: "MILESTONE_FUND" } })).toBeGreaterThan(0);
    expect(await db.ledgerTransfer.count({ where: { reason: "DEPOSIT" } })).toBeGreaterThan(0);
  });

  it("happens over the past year and nothing after the seed", async () => {
    const [range] = await db.$queryRaw<{ first: Date; last: Date }[]>`
      SELECT min(t) AS first, max(t) AS last FROM (
        SELECT "createdAt" AS t FROM "User" UNION ALL SELECT "verifiedAt" FROM "Organisation"
        UNION ALL SELECT "publishedAt" FROM "Need" UNION ALL SELECT "createdAt" FROM "Application"
        UNION ALL SELECT "createdAt" FROM "ApplicationRevision" UNION ALL SELECT "respondedAt" FROM "ApplicationRevision"
        UNION ALL SELECT "createdAt" FROM "NeedInvitation" UNION ALL SELECT "signedAt" FROM "AgreementSignature"
        UNION ALL SELECT "completedAt" FROM "Agreement" UNION ALL SELECT "repliedAt" FROM "Review"
        UNION ALL SELECT "publishedAt" FROM "Offer" UNION ALL SELECT "publishedAt" FROM "Programme"
        UNION ALL SELECT "fundedAt" FROM "MilestoneFunder" UNION ALL SELECT "createdAt" FROM "LedgerTransfer"
      ) x`;
    expect(range!.first.getTime()).toBeGreaterThanOrEqual(now.getTime() - 366 * DAY);
    expect(range!.first.getTime()).toBeLessThan(now.getTime() - 300 * DAY);
    expect(range!.last.getTime()).toBeLessThanOrEqual(seededBy.getTime());
  });
});

describe("the demo's money", () => {
  it("records the cooperative's bank transfer as finance records one, and its share as fundShare does", async () => {
    const deposit = await db.offlineDeposit.findUniqueOrThrow({
      where: { bankReference: DEMO_DEPOSIT_REFERENCE },
    });
    const depositTransfer = await db.ledgerTransfer.findUniqueOrThrow({ where: { id: deposit.transferId } });
    expect(depositTransfer).toMatchObject({
      reason: "DEPOSIT",
      fromAccountId: "platform:clearing",
      toAccountId: deposit.accountId,
      amountFen: deposit.amountFen,
      actorId: deposit.recordedById,
      memo: `${deposit.payerName} ${DEMO_DEPOSIT_REFERENCE}`,
    });
    const recorder = await db.user.findUniqueOrThrow({ where: { id: deposit.recordedById } });
    expect(recorder.primaryRole).toBe("ADMIN");
    expect(
      await db.auditLog.count({ where: { action: "wallet.deposit_recorded", subjectId: deposit.id } }),
    ).toBe(1);

    const share = await db.milestoneFunder.findFirstOrThrow({ where: { fundedAt: { not: null } } });
    const funded = await db.ledgerTransfer.findUniqueOrThrow({ where: { id: share.transferId! } });
    expect(funded).toMatchObject({
      reason: "MILESTONE_FUND",
      fromAccountId: share.accountId,
      amountFen: share.shareFen,
      memo: `share:${share.id}`,
      actorId: share.fundedById,
    });
    expect(
      await db.auditLog.count({ where: { action: "milestone.share_funded", subjectId: share.milestoneId } }),
    ).toBe(1);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  });

  it("puts the co-funded agreement's escrow, which has no need, in the cooperative's county", async () => {
    const { dashboardFigures } = await import("~/modules/dashboard/dashboard.server");
    const figures = await dashboardFigures();
    expect(figures.escrowHeldFen).toBeGreaterThan(0);
    // The story (issue 24) holds escrow in other counties too: 栾川 holds what its needs hold plus
    // the co-funded agreement's, and the counties together hold all of it.
    const share = await db.milestoneFunder.findFirstOrThrow({ where: { fundedAt: { not: null } } });
    const [luanchuan] = await db.$queryRaw<{ needs: bigint | null; cofunded: bigint | null }[]>`
      SELECT sum(a."balanceFen") FILTER (WHERE n."countyCode" = '410324') AS needs,
        sum(a."balanceFen") FILTER (WHERE m.id = ${share.milestoneId} AND ag."needId" IS NULL) AS cofunded
      FROM "LedgerAccount" a JOIN "Milestone" m ON a.id = 'escrow:' || m.id
      JOIN "Agreement" ag ON ag.id = m."agreementId" LEFT JOIN "Need" n ON n.id = ag."needId"`;
    expect(Number(luanchuan!.cofunded)).toBeGreaterThan(0);
    expect(figures.counties.find((row) => row.countyCode === "410324")!.escrowFen).toBe(
      Number(luanchuan!.needs ?? 0) + Number(luanchuan!.cofunded),
    );
    expect(figures.counties.reduce((sum, row) => sum + row.escrowFen, 0)).toBe(figures.escrowHeldFen);
  });

  it("gives a first response no county reads as negative", async () => {
    const { dashboardFigures } = await import("~/modules/dashboard/dashboard.server");
    const figures = await dashboardFigures();
    for (const row of [...figures.counties, ...figures.years])
      expect(row.medianHours ?? 0).toBeGreaterThanOrEqual(0);
  });
});

describe("the demo's organisations", () => {
  // A code the credit-code pattern refuses cannot be searched for on /bans or the API.
  it("each carry a well-formed credit code (GB 32100, check character included)", async () => {
    const organisations = await db.organisation.findMany({
      where: { creditCode: { not: null } },
      select: { name: true, creditCode: true },
    });
    expect(organisations.length).toBeGreaterThan(0);
    const malformed = organisations.filter((row) => !isValidCreditCode(row.creditCode!));
    expect(malformed).toEqual([]);
  });
});

describe("the demo's programme decisions", () => {
  // The applicant's page lists the scores an approval rested on; the service approves only with enough.
  it("approve only applications with the valid scores their programme requires", async () => {
    const short = await db.$queryRaw<{ title: string }[]>(Prisma.sql`
      SELECT a.title FROM "ProgrammeApplication" a JOIN "Programme" p ON p.id = a."programmeId"
      WHERE a."decidedAt" IS NOT NULL AND a.status <> 'REJECTED'
        AND (SELECT count(*) FROM "ProgrammeReview" r
             WHERE r."applicationId" = a.id AND NOT r.conflict AND r.score IS NOT NULL) < p."reviewsRequired"`);
    expect(short).toEqual([]);
  });
});

describe("seeding again", () => {
  it("changes nothing once anyone exists", async () => {
    const before = await Promise.all([db.user.count(), db.need.count(), db.ledgerTransfer.count()]);
    expect(await seedDemoData(db, new Date())).toBe(false);
    expect(await Promise.all([db.user.count(), db.need.count(), db.ledgerTransfer.count()])).toEqual(before);
  });
});
