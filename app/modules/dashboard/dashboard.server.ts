import { luoyangYear, startOfLuoyangDay } from "~/utils/dates";
import { financingFigures, type FinancingFigures } from "~/modules/financing/financing-figures.server";
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { COUNTIES, INDUSTRIES } from "~/modules/reference/reference";
import { linkageFiguresByCounty, type LinkageFigures } from "~/modules/linkage/linkage.figures.server";
import { firstResponses, roundHours, yearOf } from "./first-response.server";
import { PLAN_TARGETS, actualFor, isMet, type TargetMetric } from "./plan-targets";

export interface DashboardFilters {
  year?: number;
  countyCode?: string;
  industry?: string;
}

export interface YearFigures {
  year: number;
  spacesTotal: number;
  spacesNew: number;
  demosTotal: number;
  demosNew: number;
  commissioners: number;
  needsPosted: number;
  needsMatched: number;
  /** Median first response (first-response.server.ts) of the year's needs; null without answers. */
  medianHours: number | null;
  fundedFen: number;
  releasedFen: number;
  disbursedFen: number;
}

export interface CountyFigures {
  countyCode: string;
  spaces: number;
  demos: number;
  commissioners: number;
  needsPosted: number;
  needsMatched: number;
  medianHours: number | null;
  releasedFen: number;
  disbursedFen: number;
  escrowFen: number;
}

export interface IndustryFigures {
  industry: string;
  needsPosted: number;
  needsMatched: number;
  releasedFen: number;
  disbursedFen: number;
}

export interface TargetFigures {
  year: number;
  metric: TargetMetric;
  min: number;
  max: number;
  actual: number;
  met: boolean;
}

export interface DashboardFigures {
  filters: DashboardFilters;
  years: YearFigures[];
  targets: TargetFigures[];
  /** Money held in escrow right now (not per year). */
  escrowHeldFen: number;
  counties: CountyFigures[];
  industries: IndustryFigures[];
  /** financing (issue 23): needs posted and confirmed financing, for the year and county filters. */
  financing: FinancingFigures;
  /** Benefit linkage (issue 23): per year, and per county for the filtered year (all years without one). */
  linkage: {
    years: (LinkageFigures & { year: number })[];
    counties: (LinkageFigures & { countyCode: string })[];
  };
}

/**
 * Benefit-linkage figures (linkage.figures.server.ts) per year of the span (distinct households
 * cannot be added across years, so each year is its own period) and per county. They have no
 * industry, so the industry filter leaves them alone.
 */
async function loadLinkage(tx: Tx, span: number[], filters: DashboardFilters) {
  const yearStart = (year: number) => startOfLuoyangDay(`${year}-01-01`);
  const years = [];
  for (const year of span) {
    const { total } = await linkageFiguresByCounty(
      tx,
      yearStart(year),
      yearStart(year + 1),
      filters.countyCode,
    );
    years.push({ year, ...total });
  }
  const first = filters.year ?? Math.min(...span);
  const last = filters.year ?? Math.max(...span);
  const { counties } = await linkageFiguresByCounty(
    tx,
    yearStart(first),
    yearStart(last + 1),
    filters.countyCode,
  );
  const countyList = filters.countyCode ? COUNTIES.filter((c) => c.code === filters.countyCode) : COUNTIES;
  return {
    years,
    counties: countyList.map(({ code }) => ({
      countyCode: code,
      ...(counties.get(code) ?? {
        householdsReached: 0,
        moneyToHouseholdsFen: 0,
        byMechanism: { DIVIDEND: 0, WAGE: 0, LAND_RENT: 0, CONTRACT_PURCHASE: 0, SHARES: 0 },
      }),
    })),
  };
}

function where(condition: boolean, fragment: Prisma.Sql) {
  return condition ? fragment : Prisma.empty;
}

/** This year in Luoyang. */
export const currentYear = (now = new Date()): number => luoyangYear(now);

type Count = { year: number; county: string | null; n: number };
type NeedRow = { year: number; county: string; industry: string; posted: number; matched: number };
type MedianRow = { year: number | null; county: string | null; hours: number | null };
type MoneyRow = {
  year: number;
  county: string | null;
  industry: string | null;
  funded: bigint;
  released: bigint;
  disbursed: bigint;
};
type EscrowRow = { county: string | null; held: bigint };

/**
 * Where an agreement's money belongs: the county of its need; an agreement made without a need
 * (co-funded work agreed directly) belongs to its payer organisation's county, else its payee
 * organisation's. `agreementPlaces` joins what `agreementCounty` reads, given the agreement `ag`.
 */
export const agreementPlaces = Prisma.sql`
    LEFT JOIN "Need" n ON n.id = ag."needId"
    LEFT JOIN "Organisation" payer ON payer.id = ag."payerOrganisationId"
    LEFT JOIN "Organisation" payee ON payee.id = ag."payeeOrganisationId"`;
export const agreementCounty = Prisma.sql`coalesce(n."countyCode", payer."countyCode", payee."countyCode")`;

/** The raw grouped figures: one small row per (year, county[, industry]), folded in JS below. */
async function loadGroups(tx: Tx, { year, countyCode, industry }: DashboardFilters) {
  const spaces = await tx.$queryRaw<Count[]>`
    SELECT ${yearOf(`sp."recognisedAt"`)} AS year, o."countyCode" AS county, count(*)::int AS n
    FROM "SpaceProfile" sp JOIN "Organisation" o ON o.id = sp."organisationId"
    WHERE sp."recognisedAt" IS NOT NULL ${where(!!countyCode, Prisma.sql`AND o."countyCode" = ${countyCode}`)}
    GROUP BY 1, 2`;
  // A revoked demo stops counting; only designated ones with their date count.
  const demos = await tx.$queryRaw<Count[]>`
    SELECT ${yearOf(`d."designatedAt"`)} AS year, d."countyCode" AS county, count(*)::int AS n
    FROM "DemoSite" d
    WHERE d.status = 'DESIGNATED' AND d."designatedAt" IS NOT NULL ${where(!!countyCode, Prisma.sql`AND d."countyCode" = ${countyCode}`)}
    GROUP BY 1, 2`;
  const commissioners = await tx.$queryRaw<Count[]>`
    SELECT c.year, a."countyCode" AS county, count(DISTINCT a."userId")::int AS n
    FROM "CommissionerAssignment" a JOIN "CommissionerCohort" c ON c.id = a."cohortId"
    WHERE true ${where(!!countyCode, Prisma.sql`AND a."countyCode" = ${countyCode}`)}
    GROUP BY 1, 2`;
  const needFilter = Prisma.sql`${where(!!countyCode, Prisma.sql`AND n."countyCode" = ${countyCode}`)} ${where(!!industry, Prisma.sql`AND n.industry = ${industry}`)}`;
  // A need counts as matched in the year it was posted, once any application to it was accepted.
  const needs = await tx.$queryRaw<NeedRow[]>`
    SELECT ${yearOf(`n."publishedAt"`)} AS year, n."countyCode" AS county, n.industry,
      count(*)::int AS posted,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Application" a WHERE a."needId" = n.id AND a.status = 'ACCEPTED'))::int AS matched
    FROM "Need" n
    WHERE n."publishedAt" IS NOT NULL ${needFilter}
    GROUP BY 1, 2, 3`;
  // Medians cannot be added up, so one query gives them per year and per county (grouping sets),
  // over the one definition of a first response.
  const medians = await tx.$queryRaw<MedianRow[]>`
    SELECT CASE WHEN grouping(f.year) = 0 THEN f.year END AS year,
      CASE WHEN grouping(f.county) = 0 THEN f.county END AS county,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY f.hours) FILTER (WHERE f.hours IS NOT NULL) AS hours
    FROM ${firstResponses({ year, countyCode, industry })} f
    GROUP BY GROUPING SETS ((f.year), (f.county))`;
  // Milestone money belongs to the county of its agreement (agreementCounty above), programme
  // money to its application's.
  const moneyCounty = Prisma.sql`coalesce(pa."countyCode", ${agreementCounty})`;
  const moneyIndustry = Prisma.sql`coalesce(pa.industry, n.industry)`;
  const money = await tx.$queryRaw<MoneyRow[]>`
    SELECT ${yearOf(`t."createdAt"`)} AS year, ${moneyCounty} AS county, ${moneyIndustry} AS industry,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason = 'MILESTONE_FUND'), 0)::bigint AS funded,
      coalesce(sum(t."amountFen") FILTER (WHERE t.reason IN ('MILESTONE_RELEASE', 'DISPUTE_RELEASE')), 0)::bigint AS released,
      coalesce(sum(CASE t.reason WHEN 'DISBURSEMENT' THEN t."amountFen" WHEN 'CLAWBACK' THEN -t."amountFen" END), 0)::bigint AS disbursed
    FROM "LedgerTransfer" t
    LEFT JOIN "ProgrammeApplication" pa ON pa.id = t."programmeApplicationId"
    LEFT JOIN "Agreement" ag ON ag.id = t."agreementId"
    ${agreementPlaces}
    WHERE t.reason IN ('MILESTONE_FUND', 'MILESTONE_RELEASE', 'DISPUTE_RELEASE', 'DISBURSEMENT', 'CLAWBACK')
      ${where(!!countyCode, Prisma.sql`AND ${moneyCounty} = ${countyCode}`)}
      ${where(!!industry, Prisma.sql`AND ${moneyIndustry} = ${industry}`)}
    GROUP BY 1, 2, 3`;
  const escrow = await tx.$queryRaw<EscrowRow[]>`
    SELECT ${agreementCounty} AS county, coalesce(sum(la."balanceFen"), 0)::bigint AS held
    FROM "LedgerAccount" la
    LEFT JOIN "Milestone" m ON m.id = la."milestoneId"
    LEFT JOIN "Agreement" ag ON ag.id = m."agreementId"
    ${agreementPlaces}
    WHERE la.kind = 'ESCROW'
      ${where(!!countyCode, Prisma.sql`AND ${agreementCounty} = ${countyCode}`)}
      ${where(!!industry, Prisma.sql`AND n.industry = ${industry}`)}
    GROUP BY 1`;
  return { spaces, demos, commissioners, needs, medians, money, escrow };
}

const sum = <T>(rows: T[], pick: (row: T) => number | bigint) =>
  rows.reduce((total, row) => total + Number(pick(row)), 0);

/**
 * The dashboard's figures: per year (from the first year with data to the current one, or just
 * the filtered year), the plan's targets against them, escrow held now, and per county and
 * industry for the filtered year (all years without one; spaces and demos as totals at its end).
 * Spaces, demos and commissioners have no industry, so the industry filter leaves them alone.
 */
export async function dashboardFigures(filters: DashboardFilters = {}): Promise<DashboardFigures> {
  // One snapshot for every query, so the tables agree with each other.
  const groups = await db.$transaction((tx) => loadGroups(tx, filters), {
    isolationLevel: "RepeatableRead",
    timeout: 15_000,
  });
  const { spaces, demos, commissioners, needs, medians, money, escrow } = groups;

  const thisYear = currentYear();
  const dataYears = [...spaces, ...demos, ...commissioners, ...needs, ...money].map((row) => row.year);
  const first = Math.min(thisYear, ...dataYears);
  const last = Math.max(thisYear, ...dataYears);
  const span = filters.year ? [filters.year] : Array.from({ length: last - first + 1 }, (_, i) => first + i);

  const years = span.map((year): YearFigures => {
    const inYear = <T extends { year: number | null }>(rows: T[]) => rows.filter((row) => row.year === year);
    const upTo = <T extends { year: number }>(rows: T[]) => rows.filter((row) => row.year <= year);
    const yearMoney = inYear(money);
    return {
      year,
      spacesTotal: sum(upTo(spaces), (row) => row.n),
      spacesNew: sum(inYear(spaces), (row) => row.n),
      demosTotal: sum(upTo(demos), (row) => row.n),
      demosNew: sum(inYear(demos), (row) => row.n),
      commissioners: sum(inYear(commissioners), (row) => row.n),
      needsPosted: sum(inYear(needs), (row) => row.posted),
      needsMatched: sum(inYear(needs), (row) => row.matched),
      medianHours: roundHours(medians.find((row) => row.year === year && row.county === null)?.hours),
      fundedFen: sum(yearMoney, (row) => row.funded),
      releasedFen: sum(yearMoney, (row) => row.released),
      disbursedFen: sum(yearMoney, (row) => row.disbursed),
    };
  });

  const targets = years.flatMap((figures) =>
    PLAN_TARGETS.map((target): TargetFigures => {
      const actual = actualFor(target.metric, figures);
      return {
        year: figures.year,
        metric: target.metric,
        min: target.min,
        max: target.max,
        actual,
        met: isMet(target, actual),
      };
    }),
  );

  // County and industry tables cover the filtered year, or everything without one.
  const inScope = <T extends { year: number }>(rows: T[]) =>
    filters.year ? rows.filter((row) => row.year === filters.year) : rows;
  const upToScope = <T extends { year: number }>(rows: T[]) =>
    filters.year ? rows.filter((row) => row.year <= filters.year!) : rows;
  const countyList = filters.countyCode
    ? COUNTIES.filter((county) => county.code === filters.countyCode)
    : COUNTIES;
  const counties = countyList.map(({ code }): CountyFigures => {
    const of = <T extends { county: string | null }>(rows: T[]) => rows.filter((row) => row.county === code);
    return {
      countyCode: code,
      spaces: sum(of(upToScope(spaces)), (row) => row.n),
      demos: sum(of(upToScope(demos)), (row) => row.n),
      commissioners: sum(of(inScope(commissioners)), (row) => row.n),
      needsPosted: sum(of(inScope(needs)), (row) => row.posted),
      needsMatched: sum(of(inScope(needs)), (row) => row.matched),
      medianHours: roundHours(medians.find((row) => row.year === null && row.county === code)?.hours),
      releasedFen: sum(of(inScope(money)), (row) => row.released),
      disbursedFen: sum(of(inScope(money)), (row) => row.disbursed),
      escrowFen: sum(of(escrow), (row) => row.held),
    };
  });

  const industryList = filters.industry
    ? INDUSTRIES.filter((item) => item.code === filters.industry)
    : INDUSTRIES;
  const industries = industryList.map(({ code }): IndustryFigures => {
    const of = <T extends { industry: string | null }>(rows: T[]) =>
      rows.filter((row) => row.industry === code);
    return {
      industry: code,
      needsPosted: sum(of(inScope(needs)), (row) => row.posted),
      needsMatched: sum(of(inScope(needs)), (row) => row.matched),
      releasedFen: sum(of(inScope(money)), (row) => row.released),
      disbursedFen: sum(of(inScope(money)), (row) => row.disbursed),
    };
  });

  // financing (issue 23): the filtered year (all years up to this one without one) and county.
  const financing = await financingFigures({
    start: startOfLuoyangDay(`${filters.year ?? 2000}-01-01`),
    end: startOfLuoyangDay(`${(filters.year ?? thisYear) + 1}-01-01`),
    countyCode: filters.countyCode,
  });
  const linkage = await db.$transaction((tx) => loadLinkage(tx, span, filters), {
    isolationLevel: "RepeatableRead",
    timeout: 15_000,
  });

  return {
    filters,
    years,
    targets,
    escrowHeldFen: sum(escrow, (row) => row.held),
    counties,
    industries,
    financing,
    linkage,
  };
}
