import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { agreementCounty, agreementPlaces } from "~/modules/dashboard/dashboard.server";
import { financingFiguresIn } from "~/modules/financing/financing-figures.server";
import { linkageFiguresIn } from "~/modules/linkage/linkage.figures.server";
import type { CountyScope } from "~/modules/oversight/county-scope";
import type { Period } from "./reports.periods";
import type { ReportFigures } from "./reports.figures";

export { FIGURE_KEYS, type ReportFigures } from "./reports.figures";

/** Village-side payers: the cooperatives and villages the plan asks to put in their own money. */
const VILLAGE_SIDE = Prisma.sql`('COOPERATIVE', 'VILLAGE_COMMITTEE', 'FAMILY_FARM', 'LARGE_GROWER')`;

/** A moment as the UTC timestamp the columns store (timestamp without time zone). */
export const at = (moment: Date) => Prisma.sql`(${moment.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** The Luoyang calendar day of a moment, as a SQL date (for date columns such as a course's start). */
export const luoyangDay = (moment: Date) =>
  Prisma.sql`(${moment.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;

/** `AND <column> = <county>` for a county scope; nothing for the city. */
export function inScope(scope: CountyScope, column: Prisma.Sql) {
  return scope.kind === "county" ? Prisma.sql`AND ${column} = ${scope.countyCode}` : Prisma.empty;
}

const APPROVED = Prisma.sql`('APPROVED', 'DISBURSED', 'EVALUATED')`;

type One = { n: number };
type Money = {
  disbursed: bigint;
  cooperative: bigint;
  enterprise: bigint;
  other: bigint;
  programme: bigint;
};

async function count(tx: Tx, query: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<One[]>(query);
  return row?.n ?? 0;
}

/** The figures of one period and scope, read inside the caller's transaction. */
export async function reportFiguresIn(tx: Tx, period: Period, scope: CountyScope): Promise<ReportFigures> {
  const start = at(period.start);
  const end = at(period.end);
  const paCounty = inScope(scope, Prisma.sql`pa."countyCode"`);

  const projectsApproved = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "ProgrammeApplication" pa
      WHERE pa.status IN ${APPROVED} AND pa."decidedAt" >= ${start} AND pa."decidedAt" < ${end} ${paCounty}`,
  );
  const projectsActive = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "ProgrammeApplication" pa
      WHERE pa.status IN ${APPROVED} AND pa."decidedAt" < ${end}
        AND (pa."completedAt" IS NULL OR pa."completedAt" >= ${end}) ${paCounty}`,
  );
  const projectsCompleted = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "ProgrammeApplication" pa
      WHERE pa."completedAt" >= ${start} AND pa."completedAt" < ${end} ${paCounty}`,
  );

  const spaceCounty = inScope(scope, Prisma.sql`o."countyCode"`);
  const spacesTotal = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "SpaceProfile" sp JOIN "Organisation" o ON o.id = sp."organisationId"
      WHERE sp."recognisedAt" < ${end} ${spaceCounty}`,
  );
  const spacesNew = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "SpaceProfile" sp JOIN "Organisation" o ON o.id = sp."organisationId"
      WHERE sp."recognisedAt" >= ${start} AND sp."recognisedAt" < ${end} ${spaceCounty}`,
  );

  const demoCounty = inScope(scope, Prisma.sql`d."countyCode"`);
  const demoSitesTotal = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "DemoSite" d
      WHERE d.status = 'DESIGNATED' AND d."designatedAt" < ${end} ${demoCounty}`,
  );
  const demoSitesNew = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "DemoSite" d
      WHERE d.status = 'DESIGNATED' AND d."designatedAt" >= ${start} AND d."designatedAt" < ${end} ${demoCounty}`,
  );

  const commissionersDispatched = await count(
    tx,
    Prisma.sql`SELECT count(DISTINCT a."userId")::int AS n FROM "CommissionerAssignment" a
      WHERE a."startDate" < ${end} AND a."endDate" >= ${start} ${inScope(scope, Prisma.sql`a."countyCode"`)}`,
  );

  const trainingCounty = inScope(scope, Prisma.sql`t."countyCode"`);
  const heldInPeriod = Prisma.sql`t.status = 'HELD' AND t."startsAt" >= ${start} AND t."startsAt" < ${end} ${trainingCounty}`;
  const trainingsHeld = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "Training" t WHERE ${heldInPeriod}`,
  );
  const peopleTrained = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "TrainingSignup" s JOIN "Training" t ON t.id = s."trainingId"
      WHERE s.attended AND ${heldInPeriod}`,
  );

  const needCounty = inScope(scope, Prisma.sql`n."countyCode"`);
  const needsPosted = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "Need" n
      WHERE n."publishedAt" >= ${start} AND n."publishedAt" < ${end} ${needCounty}`,
  );
  const needsMatched = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "Need" n
      JOIN (SELECT ag."needId", min(av."signedAt") AS "firstSigned"
            FROM "Agreement" ag JOIN "AgreementVersion" av ON av."agreementId" = ag.id
            WHERE ag."needId" IS NOT NULL AND av."signedAt" IS NOT NULL
            GROUP BY ag."needId") s ON s."needId" = n.id
      WHERE s."firstSigned" >= ${start} AND s."firstSigned" < ${end} ${needCounty}`,
  );

  // Milestone money belongs to its agreement's county (the dashboard's definition), programme
  // money to its application's county.
  const [money] = await tx.$queryRaw<Money[]>`
    SELECT
      coalesce(sum(CASE t.reason WHEN 'DISBURSEMENT' THEN t."amountFen" WHEN 'CLAWBACK' THEN -t."amountFen" END), 0)::bigint AS disbursed,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason = 'MILESTONE_FUND' AND funder.type IN ${VILLAGE_SIDE}), 0)::bigint AS cooperative,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason = 'MILESTONE_FUND' AND funder.type = 'ENTERPRISE'), 0)::bigint AS enterprise,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason = 'MILESTONE_FUND' AND la.kind <> 'PROGRAMME'
        AND (funder.type IS NULL OR (funder.type NOT IN ${VILLAGE_SIDE} AND funder.type <> 'ENTERPRISE'))), 0)::bigint AS other,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason = 'MILESTONE_FUND' AND la.kind = 'PROGRAMME'), 0)::bigint AS programme
    FROM "LedgerTransfer" t
    JOIN "LedgerAccount" la ON la.id = t."fromAccountId"
    LEFT JOIN "Organisation" funder ON funder.id = la."organisationId"
    LEFT JOIN "ProgrammeApplication" pa ON pa.id = t."programmeApplicationId"
    LEFT JOIN "Agreement" ag ON ag.id = t."agreementId"
    ${agreementPlaces}
    WHERE t.reason IN ('DISBURSEMENT', 'CLAWBACK', 'MILESTONE_FUND')
      AND t."createdAt" >= ${start} AND t."createdAt" < ${end}
      ${inScope(scope, Prisma.sql`coalesce(pa."countyCode", ${agreementCounty})`)}`;

  const cofundingSharesFunded = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "MilestoneFunder" f
      JOIN "Milestone" m ON m.id = f."milestoneId"
      JOIN "Agreement" ag ON ag.id = m."agreementId"
      ${agreementPlaces}
      WHERE f."fundedAt" >= ${start} AND f."fundedAt" < ${end} ${inScope(scope, agreementCounty)}`,
  );

  // financing (issue 23): its definitions are in financing-figures.server.ts.
  const financing = await financingFiguresIn(tx, {
    start: period.start,
    end: period.end,
    countyCode: scope.kind === "county" ? scope.countyCode : undefined,
  });
  // ── Commissioners as the plan sees them (issue 23) ──
  const commissionerVenturesActive = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "CommissionerVenture" v
      WHERE v."verifiedAt" < ${end} AND v."startDate" < ${end}
        AND (v."endDate" IS NULL OR v."endDate" >= ${start}) ${inScope(scope, Prisma.sql`v."countyCode"`)}`,
  );
  const leaveCounty =
    scope.kind === "county"
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "CommissionerAssignment" a WHERE a."userId" = l."userId"
          AND a."countyCode" = ${scope.countyCode} AND a."startDate" < ${end} AND a."endDate" >= ${start})`
      : Prisma.empty;
  const commissionersOnLeave = await count(
    tx,
    Prisma.sql`SELECT count(DISTINCT l."userId")::int AS n FROM "CommissionerLeave" l
      WHERE l."verifiedAt" < ${end} AND l."startDate" < ${end}
        AND (l."endDate" IS NULL OR l."endDate" >= ${start}) ${leaveCounty}`,
  );
  const sanquCommissionersDispatched = await count(
    tx,
    Prisma.sql`SELECT count(DISTINCT a."userId")::int AS n FROM "CommissionerAssignment" a
      JOIN "CommissionerCohort" c ON c.id = a."cohortId"
      WHERE c.kind = 'SANQU' AND a."startDate" < ${end} AND a."endDate" >= ${start}
        ${inScope(scope, Prisma.sql`a."countyCode"`)}`,
  );
  // ── Villages and households (issue 23).
  const year = Number(period.firstDay.slice(0, 4));
  const villageCounty = inScope(scope, Prisma.sql`v."countyCode"`);
  const villagesPoor = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "VillageStatusYear" s JOIN "Village" v ON v.id = s."villageId"
      WHERE s.year = ${year} AND s.status = 'POOR' ${villageCounty}`,
  );
  const villagesLifted = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "VillageStatusYear" s JOIN "Village" v ON v.id = s."villageId"
      WHERE s.year = ${year} AND s.status = 'LIFTED' ${villageCounty}`,
  );
  const householdCounty = inScope(scope, Prisma.sql`h."countyCode"`);
  const householdsLifted = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "HouseholdStatusChange" c JOIN "Household" h ON h.id = c."householdId"
      WHERE c."to" = 'LIFTED' AND c."from" IS NOT NULL
        AND c."createdAt" >= ${start} AND c."createdAt" < ${end} ${householdCounty}`,
  );
  const householdsRecorded = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "Household" h
      WHERE h."createdAt" >= ${start} AND h."createdAt" < ${end} ${householdCounty}`,
  );
  // ── Issue 23, spaces part: people served by group, base trainees, brands traded, towns active ──
  const served = await tx.$queryRaw<{ group: string; n: number }[]>(
    Prisma.sql`SELECT r."audienceGroup"::text AS "group", count(DISTINCT r."requesterId")::int AS n
      FROM "ServiceRequest" r
      WHERE r."audienceGroup" IS NOT NULL AND r."createdAt" >= ${start} AND r."createdAt" < ${end}
        ${inScope(scope, Prisma.sql`r."countyCode"`)}
      GROUP BY r."audienceGroup"`,
  );
  const servedBy = (group: string) => served.find((row) => row.group === group)?.n ?? 0;
  const baseTrainees = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "BaseTrainee" bt
      JOIN "BaseCourse" c ON c.id = bt."courseId" JOIN "TrainingBase" b ON b.id = c."baseId"
      WHERE bt."withdrawnAt" IS NULL AND c."startsOn" >= ${luoyangDay(period.start)}
        AND c."startsOn" < ${luoyangDay(period.end)} ${inScope(scope, Prisma.sql`b."countyCode"`)}`,
  );
  const brandsTraded = await count(
    tx,
    Prisma.sql`SELECT count(DISTINCT t."projectId")::int AS n FROM "BrandTrade" t
      JOIN "BrandProject" p ON p.id = t."projectId"
      WHERE t."tradedOn" >= ${luoyangDay(period.start)} AND t."tradedOn" < ${luoyangDay(period.end)}
        ${inScope(scope, Prisma.sql`p."countyCode"`)}`,
  );
  const townsActive = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "CharacteristicTown" ct
      WHERE ct.status = 'ACTIVE' AND ct."createdAt" < ${end} ${inScope(scope, Prisma.sql`ct."countyCode"`)}`,
  );
  // ── Issue 23, pairings part: pairings running, reports filed, local talent serving ──
  const pairingsActive = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "Pairing" p
      WHERE p."agreedAt" < ${end} AND p."startsOn" < ${luoyangDay(period.end)}
        AND (p."endsOn" IS NULL OR p."endsOn" >= ${luoyangDay(period.start)})
        AND (p."endedAt" IS NULL OR p."endedAt" >= ${start})
        ${inScope(scope, Prisma.sql`p."countyCode"`)}`,
  );
  const pairingReportsFiled = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "PairingReport" r JOIN "Pairing" p ON p.id = r."pairingId"
      WHERE r."submittedAt" >= ${start} AND r."submittedAt" < ${end}
        ${inScope(scope, Prisma.sql`p."countyCode"`)}`,
  );
  const localTalentServing = await count(
    tx,
    Prisma.sql`SELECT count(*)::int AS n FROM "LocalTalent" t
      WHERE t.status = 'SERVING' AND t."servingSince" < ${end}
        ${inScope(scope, Prisma.sql`t."countyCode"`)}`,
  );
  // Benefit linkage (issue 23): linkage.figures.server.ts holds the definitions.
  const linkage = await linkageFiguresIn(
    tx,
    period.start,
    period.end,
    scope.kind === "county" ? scope.countyCode : null,
  );

  return {
    projectsApproved,
    projectsActive,
    projectsCompleted,
    spacesTotal,
    spacesNew,
    demoSitesTotal,
    demoSitesNew,
    commissionersDispatched,
    trainingsHeld,
    peopleTrained,
    needsPosted,
    needsMatched,
    programmeDisbursedFen: Number(money?.disbursed ?? 0),
    cooperativeFundedFen: Number(money?.cooperative ?? 0),
    enterpriseFundedFen: Number(money?.enterprise ?? 0),
    otherFundedFen: Number(money?.other ?? 0),
    programmeCofundedFen: Number(money?.programme ?? 0),
    cofundingSharesFunded,
    ...financing,
    // Commissioners as the plan sees them (issue 23)
    commissionerVenturesActive,
    commissionersOnLeave,
    sanquCommissionersDispatched,
    villagesPoor,
    villagesLifted,
    householdsLifted,
    householdsRecorded,
    spaceServedReturningMigrant: servedBy("RETURNING_MIGRANT"),
    spaceServedGraduate: servedBy("GRADUATE"),
    spaceServedProfessionalFarmer: servedBy("PROFESSIONAL_FARMER"),
    spaceServedMaker: servedBy("MAKER"),
    spaceServedOther: servedBy("OTHER"),
    baseTrainees,
    brandsTraded,
    townsActive,
    pairingsActive,
    pairingReportsFiled,
    localTalentServing,
    householdsReached: linkage.householdsReached,
    moneyToHouseholdsFen: linkage.moneyToHouseholdsFen,
    moneyDividendFen: linkage.byMechanism.DIVIDEND,
    moneyWageFen: linkage.byMechanism.WAGE,
    moneyLandRentFen: linkage.byMechanism.LAND_RENT,
    moneyContractPurchaseFen: linkage.byMechanism.CONTRACT_PURCHASE,
    moneySharesFen: linkage.byMechanism.SHARES,
  };
}

/** The figures of one period and scope, every query reading one snapshot of the database. */
export function reportFigures(period: Period, scope: CountyScope): Promise<ReportFigures> {
  return db.$transaction((tx) => reportFiguresIn(tx, period, scope), {
    isolationLevel: "RepeatableRead",
    timeout: 15_000,
  });
}
