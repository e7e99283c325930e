import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { CountyScope } from "~/modules/oversight/county-scope";
import { luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { at, inScope } from "./reports-figures.server";

/**
 * Leverage (杠杆, plan §5: "发挥科技扶贫资金的杠杆作用"): social and cooperative money matched to
 * public money, per approved project (programme application). The definition, and why, is in
 * docs/decisions/036-leverage.md:
 *   public  = DISBURSEMENT less CLAWBACK transfers of the application, plus what a programme
 *             account paid into the escrow of a milestone of the project's agreements (its
 *             co-funding share), less what came back to a programme account from them;
 *   matched = what wallets (cooperatives, enterprises, people, institutions) paid into the escrow
 *             of those milestones, less refunds back to wallets.
 * The project's agreements are the one it names and every agreement made on the need it names.
 * Money counts in the Luoyang year of its transfer, toward its application's county and programme.
 * A transfer linked to two projects counts once in every total above the project.
 * Financing (issue 23, docs/decisions/040): a financing outcome the lender confirmed is matched
 * money too, in the Luoyang year of its deal date: toward the project its need names (directly, or
 * through the project's agreement), else toward the need's county only (no project, no programme).
 */
export interface LeverageLine {
  publicFen: number;
  matchedFen: number;
  /** Matched yuan per yuan of public money, two decimals; null without public money. */
  ratio: number | null;
}

export interface ProjectLeverage extends LeverageLine {
  applicationId: string;
  title: string;
  programmeId: string;
  programmeTitle: string;
  countyCode: string;
}

export interface LeverageFigures {
  total: LeverageLine;
  byYear: (LeverageLine & { year: number })[];
  byCounty: (LeverageLine & { countyCode: string })[];
  byProgramme: (LeverageLine & { programmeId: string; programmeTitle: string })[];
  byProject: ProjectLeverage[];
}

export interface LeverageFilters {
  scope: CountyScope;
  /** Only transfers in [from, to). */
  from?: Date;
  to?: Date;
}

type Row = {
  transfer: string;
  /** Null for confirmed financing not linked to a project: it counts by county and year only. */
  project: string | null;
  /** The county of a row without a project; rows with one take their project's county. */
  county: string | null;
  year: number;
  side: "public" | "matched";
  amount: number;
};

/** Ratio in hundredths with integer arithmetic, so 1/3 reads 0.33 everywhere. */
export function leverageRatio(publicFen: number, matchedFen: number): number | null {
  if (publicFen <= 0) return null;
  return Math.round((matchedFen * 100) / publicFen) / 100;
}

function line(publicFen: number, matchedFen: number): LeverageLine {
  return { publicFen, matchedFen, ratio: leverageRatio(publicFen, matchedFen) };
}

async function leverageRows(tx: Tx, { scope, from, to }: LeverageFilters): Promise<Row[]> {
  const window = Prisma.sql`${from ? Prisma.sql`AND t."createdAt" >= ${at(from)}` : Prisma.empty}
    ${to ? Prisma.sql`AND t."createdAt" < ${at(to)}` : Prisma.empty}`;
  const year = Prisma.raw(
    `date_part('year', (t."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::int`,
  );
  const dealYear = Prisma.raw(`date_part('year', o."dealDate")::int`);
  const dealWindow = Prisma.sql`${from ? Prisma.sql`AND o."dealDate" >= ${luoyangToday(from)}::date` : Prisma.empty}
    ${to ? Prisma.sql`AND o."dealDate" < ${luoyangToday(to)}::date` : Prisma.empty}`;
  return tx.$queryRaw<Row[]>`
    WITH projects AS (
      SELECT pa.id, pa."agreementId", pa."needId" FROM "ProgrammeApplication" pa
      WHERE pa.status IN ('APPROVED', 'DISBURSED', 'EVALUATED') ${inScope(scope, Prisma.sql`pa."countyCode"`)}
    )
    SELECT t.id AS transfer, p.id AS project, NULL::text AS county, ${year} AS year, 'public' AS side,
      (CASE t.reason WHEN 'DISBURSEMENT' THEN t."amountFen" ELSE -t."amountFen" END)::int AS amount
    FROM "LedgerTransfer" t JOIN projects p ON p.id = t."programmeApplicationId"
    WHERE t.reason IN ('DISBURSEMENT', 'CLAWBACK') ${window}
    UNION ALL
    SELECT t.id, p.id, NULL::text, ${year},
      CASE WHEN other.kind = 'PROGRAMME' THEN 'public' ELSE 'matched' END,
      (CASE t.reason WHEN 'MILESTONE_FUND' THEN t."amountFen" ELSE -t."amountFen" END)::int
    FROM "LedgerTransfer" t
    JOIN "LedgerAccount" e ON e.kind = 'ESCROW'
      AND e.id = CASE t.reason WHEN 'MILESTONE_FUND' THEN t."toAccountId" ELSE t."fromAccountId" END
    JOIN "LedgerAccount" other
      ON other.id = CASE t.reason WHEN 'MILESTONE_FUND' THEN t."fromAccountId" ELSE t."toAccountId" END
    JOIN "Milestone" m ON m.id = e."milestoneId"
    JOIN "Agreement" ag ON ag.id = m."agreementId"
    JOIN projects p ON p."agreementId" = ag.id OR (p."needId" IS NOT NULL AND ag."needId" = p."needId")
    WHERE t.reason IN ('MILESTONE_FUND', 'MILESTONE_REFUND', 'DISPUTE_REFUND')
      AND other.kind IN ('WALLET', 'PROGRAMME') ${window}
    -- financing (issue 23): confirmed outcomes, by their need's project, else by its county.
    UNION ALL
    SELECT 'financing:' || o.id, p.id, NULL::text, ${dealYear}, 'matched', o."amountFen"
    FROM "FinancingOutcome" o JOIN "FinancingNeed" fn ON fn.id = o."needId"
    JOIN projects p ON p.id = fn."programmeApplicationId"
      OR (fn."agreementId" IS NOT NULL AND p."agreementId" = fn."agreementId")
    WHERE o.status = 'CONFIRMED' ${dealWindow}
    UNION ALL
    SELECT 'financing:' || o.id, NULL, fn."countyCode", ${dealYear}, 'matched', o."amountFen"
    FROM "FinancingOutcome" o JOIN "FinancingNeed" fn ON fn.id = o."needId"
    WHERE o.status = 'CONFIRMED' ${dealWindow} ${inScope(scope, Prisma.sql`fn."countyCode"`)}
      AND NOT EXISTS (
        SELECT 1 FROM "ProgrammeApplication" pa
        WHERE pa.status IN ('APPROVED', 'DISBURSED', 'EVALUATED')
          AND (pa.id = fn."programmeApplicationId"
            OR (fn."agreementId" IS NOT NULL AND pa."agreementId" = fn."agreementId")))`;
}

/** Sums rows per group, each transfer once per group. */
function fold<K extends string | number>(rows: Row[], keyOf: (row: Row) => K | undefined) {
  const sums = new Map<K, { publicFen: number; matchedFen: number; seen: Set<string> }>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const sum = sums.get(key) ?? { publicFen: 0, matchedFen: 0, seen: new Set<string>() };
    sums.set(key, sum);
    if (sum.seen.has(row.transfer)) continue;
    sum.seen.add(row.transfer);
    if (row.side === "public") sum.publicFen += row.amount;
    else sum.matchedFen += row.amount;
  }
  return sums;
}

/** Leverage of the projects in scope, over the transfers in the window. */
export async function leverageFigures(filters: LeverageFilters, tx: Tx = db): Promise<LeverageFigures> {
  const rows = await leverageRows(tx, filters);
  const ids = [...new Set(rows.flatMap((row) => (row.project ? [row.project] : [])))];
  const projects = await tx.programmeApplication.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, countyCode: true, programme: { select: { id: true, title: true } } },
    orderBy: { id: "asc" },
  });
  const byId = new Map(projects.map((project) => [project.id, project]));
  const all = fold(rows, () => "all").get("all");
  const perProject = fold(rows, (row) => row.project ?? undefined);
  const perYear = fold(rows, (row) => row.year);
  const projectOf = (row: Row) => (row.project ? byId.get(row.project) : undefined);
  const perCounty = fold(rows, (row) => row.county ?? projectOf(row)?.countyCode);
  const perProgramme = fold(rows, (row) => projectOf(row)?.programme.id);
  const programmeTitles = new Map(projects.map((project) => [project.programme.id, project.programme.title]));
  return {
    total: line(all?.publicFen ?? 0, all?.matchedFen ?? 0),
    byYear: [...perYear]
      .sort(([a], [b]) => a - b)
      .map(([year, sum]) => ({ year, ...line(sum.publicFen, sum.matchedFen) })),
    byCounty: [...perCounty]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([countyCode, sum]) => ({ countyCode, ...line(sum.publicFen, sum.matchedFen) })),
    byProgramme: [...perProgramme]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([programmeId, sum]) => ({
        programmeId,
        programmeTitle: programmeTitles.get(programmeId) ?? "",
        ...line(sum.publicFen, sum.matchedFen),
      })),
    byProject: projects.map((project) => {
      const sum = perProject.get(project.id)!;
      return {
        applicationId: project.id,
        title: project.title,
        programmeId: project.programme.id,
        programmeTitle: project.programme.title,
        countyCode: project.countyCode,
        ...line(sum.publicFen, sum.matchedFen),
      };
    }),
  };
}

/** The dashboard's leverage: its year (all years without one) and county filters. */
export function dashboardLeverage({ year, countyCode }: { year?: number; countyCode?: string }) {
  return leverageFigures({
    scope: countyCode ? { kind: "county", countyCode } : { kind: "city" },
    from: year ? startOfLuoyangDay(`${year}-01-01`) : undefined,
    to: year ? startOfLuoyangDay(`${year + 1}-01-01`) : undefined,
  });
}
