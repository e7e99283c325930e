import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { luoyangToday } from "~/utils/dates";

/**
 * The financing figures (issue 23), one SQL definition each, shared by the returns
 * (reports-figures.server.ts) and the dashboard:
 *   financingNeedsPosted  = financing needs created in [start, end) in the county (the need's
 *                           county), whatever became of them (withdrawn ones too: they were posted);
 *   financingMobilisedFen = the amounts of CONFIRMED financing outcomes whose deal date (a Luoyang
 *                           calendar day) falls in [start, end), toward the need's county; split by
 *                           kind into loans, guarantees and equity. A recorded but unconfirmed
 *                           outcome counts nowhere.
 */
export interface FinancingFigures {
  financingNeedsPosted: number;
  financingMobilisedFen: number;
  financingLoanFen: number;
  financingGuaranteeFen: number;
  financingEquityFen: number;
}

export interface FinancingWindow {
  start: Date;
  end: Date;
  countyCode?: string;
}

type Row = { posted: number; loan: bigint; guarantee: bigint; equity: bigint };

export async function financingFiguresIn(
  tx: Tx,
  { start, end, countyCode }: FinancingWindow,
): Promise<FinancingFigures> {
  const county = (column: Prisma.Sql) =>
    countyCode ? Prisma.sql`AND ${column} = ${countyCode}` : Prisma.empty;
  // The window's Luoyang days: [first day, day after the last).
  const firstDay = luoyangToday(start);
  const endDay = luoyangToday(end);
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT
      (SELECT count(*)::int FROM "FinancingNeed" fn
        WHERE fn."createdAt" >= (${start.toISOString()}::timestamptz AT TIME ZONE 'UTC')
          AND fn."createdAt" < (${end.toISOString()}::timestamptz AT TIME ZONE 'UTC') ${county(Prisma.sql`fn."countyCode"`)}) AS posted,
      coalesce(sum(o."amountFen") FILTER (WHERE o.kind = 'LOAN'), 0)::bigint AS loan,
      coalesce(sum(o."amountFen") FILTER (WHERE o.kind = 'GUARANTEE'), 0)::bigint AS guarantee,
      coalesce(sum(o."amountFen") FILTER (WHERE o.kind = 'EQUITY'), 0)::bigint AS equity
    FROM "FinancingOutcome" o JOIN "FinancingNeed" n ON n.id = o."needId"
    WHERE o.status = 'CONFIRMED' AND o."dealDate" >= ${firstDay}::date AND o."dealDate" < ${endDay}::date
      ${county(Prisma.sql`n."countyCode"`)}`;
  const loan = Number(row?.loan ?? 0);
  const guarantee = Number(row?.guarantee ?? 0);
  const equity = Number(row?.equity ?? 0);
  return {
    financingNeedsPosted: row?.posted ?? 0,
    financingMobilisedFen: loan + guarantee + equity,
    financingLoanFen: loan,
    financingGuaranteeFen: guarantee,
    financingEquityFen: equity,
  };
}

export function financingFigures(window: FinancingWindow): Promise<FinancingFigures> {
  return financingFiguresIn(db, window);
}
