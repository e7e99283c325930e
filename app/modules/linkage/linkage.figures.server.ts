import type { Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { BenefitMechanism } from "~/generated/prisma/enums";
import { MECHANISMS } from "./linkage.schema";

/**
 * The benefit-linkage figures (issue 23) of a period [start, end), each one SQL definition:
 *  - households reached: distinct households with a HouseholdLink (any kind) open at any time in
 *    the period (created before its end, not ended by its start) OR a BenefitPayment paid in it;
 *  - money to households: BenefitPayment amounts paid (paidOn) in the period, in total and by
 *    the linkage's mechanism.
 * A household belongs to its own county (Household.countyCode), so county figures add up to the
 * city's. Checked against independent counts in tests/integration/benefit-linkage.test.ts.
 */
export interface LinkageFigures {
  householdsReached: number;
  moneyToHouseholdsFen: number;
  byMechanism: Record<BenefitMechanism, number>;
}

const at = (moment: Date) => Prisma.sql`(${moment.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export const emptyLinkageFigures = (): LinkageFigures => ({
  householdsReached: 0,
  moneyToHouseholdsFen: 0,
  byMechanism: Object.fromEntries(MECHANISMS.map((m) => [m, 0])) as Record<BenefitMechanism, number>,
});

type ReachRow = { county: string | null; n: number };
type MoneyRow = { county: string; mechanism: BenefitMechanism; fen: bigint };

/** The figures of the period for the city (`total`) and each county with any (`counties`). */
export async function linkageFiguresByCounty(
  tx: Tx,
  start: Date,
  end: Date,
  countyCode?: string | null,
): Promise<{ total: LinkageFigures; counties: Map<string, LinkageFigures> }> {
  const county = countyCode ? Prisma.sql`AND h."countyCode" = ${countyCode}` : Prisma.empty;
  const reach = await tx.$queryRaw<ReachRow[]>`
    SELECT CASE WHEN grouping(h."countyCode") = 0 THEN h."countyCode" END AS county, count(*)::int AS n
    FROM "Household" h
    WHERE (EXISTS (SELECT 1 FROM "HouseholdLink" l WHERE l."householdId" = h.id
                     AND l."createdAt" < ${at(end)} AND (l."endedAt" IS NULL OR l."endedAt" > ${at(start)}))
        OR EXISTS (SELECT 1 FROM "BenefitPayment" p JOIN "BenefitLinkage" bl ON bl.id = p."linkageId"
                     WHERE bl."householdId" = h.id AND p."paidOn" >= ${at(start)} AND p."paidOn" < ${at(end)}))
      ${county}
    GROUP BY GROUPING SETS ((), (h."countyCode"))`;
  const money = await tx.$queryRaw<MoneyRow[]>`
    SELECT h."countyCode" AS county, bl.mechanism::text AS mechanism, sum(p."amountFen")::bigint AS fen
    FROM "BenefitPayment" p
    JOIN "BenefitLinkage" bl ON bl.id = p."linkageId"
    JOIN "Household" h ON h.id = bl."householdId"
    WHERE p."paidOn" >= ${at(start)} AND p."paidOn" < ${at(end)} ${county}
    GROUP BY 1, 2`;

  const total = emptyLinkageFigures();
  const counties = new Map<string, LinkageFigures>();
  const of = (code: string) => {
    let figures = counties.get(code);
    if (!figures) counties.set(code, (figures = emptyLinkageFigures()));
    return figures;
  };
  for (const row of reach) {
    if (row.county === null) total.householdsReached = row.n;
    else of(row.county).householdsReached = row.n;
  }
  for (const row of money) {
    const fen = Number(row.fen);
    for (const figures of [total, of(row.county)]) {
      figures.moneyToHouseholdsFen += fen;
      figures.byMechanism[row.mechanism] += fen;
    }
  }
  return { total, counties };
}

/** The figures of the period for one county, or the city without one. */
export async function linkageFiguresIn(
  tx: Tx,
  start: Date,
  end: Date,
  countyCode?: string | null,
): Promise<LinkageFigures> {
  return (await linkageFiguresByCounty(tx, start, end, countyCode)).total;
}

export interface LinkageAggregateRow {
  organisationId: string;
  organisationName: string;
  countyCode: string;
  mechanism: BenefitMechanism;
  /** The Luoyang month the payments were paid in, "YYYY-MM". */
  month: string;
  households: number;
  payments: number;
  amountFen: number;
}

/**
 * Payments grouped by organisation, mechanism and month (Luoyang), without anything about the
 * households but their number: what the open API publishes.
 */
export async function linkageAggregates(
  tx: Tx,
  start: Date,
  end: Date,
  countyCode?: string | null,
): Promise<LinkageAggregateRow[]> {
  const county = countyCode ? Prisma.sql`AND h."countyCode" = ${countyCode}` : Prisma.empty;
  const rows = await tx.$queryRaw<(Omit<LinkageAggregateRow, "amountFen"> & { amountFen: bigint })[]>`
    SELECT o.id AS "organisationId", o.name AS "organisationName", h."countyCode" AS "countyCode",
      bl.mechanism::text AS mechanism,
      to_char(p."paidOn" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
      count(DISTINCT bl."householdId")::int AS households,
      count(*)::int AS payments,
      sum(p."amountFen")::bigint AS "amountFen"
    FROM "BenefitPayment" p
    JOIN "BenefitLinkage" bl ON bl.id = p."linkageId"
    JOIN "Organisation" o ON o.id = bl."organisationId"
    JOIN "Household" h ON h.id = bl."householdId"
    WHERE p."paidOn" >= ${at(start)} AND p."paidOn" < ${at(end)} ${county}
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 5, 2, 4`;
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen) }));
}
