import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { CountyScope } from "~/modules/oversight/county-scope";
import { startOfLuoyangDay } from "~/utils/dates";
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
  project: string;
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
  return tx.$queryRaw<Row[]>`
    WITH projects AS (
      SELECT pa.id, pa."agreementId", pa."needId" FROM "ProgrammeApplication" pa
      WHERE pa.status IN ('APPROVED', 'DISBURSED', 'EVALUATED') ${inScope(scope, Prisma.sql`pa."countyCode"`)}
    )
    SELECT t.id AS transfer, p.id AS project, ${year} AS year, 'public' AS side,
      (CASE t.reason WHEN 'DISBURSEMENT' THEN t."amountFen" ELSE -t."amountFen" END)::int AS amount
    FROM "LedgerTransfer" t JOIN projects p ON p.id = t."programmeApplicationId"
    WHERE t.reason IN ('DISBURSEMENT', 'CLAWBACK') ${window}
    UNION ALL
    SELECT t.id, p.id, ${year},
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
      AND other.kind IN ('WALLET', 'PROGRAMME') ${window}`;
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
  const ids = [...new Set(rows.map((row) => row.project))];
  const projects = await tx.programmeApplication.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, countyCode: true, programme: { select: { id: true, title: true } } },
    orderBy: { id: "asc" },
  });
  const byId = new Map(projects.map((project) => [project.id, project]));
  const all = fold(rows, () => "all").get("all");
  const perProject = fold(rows, (row) => row.project);
  const perYear = fold(rows, (row) => row.year);
  const perCounty = fold(rows, (row) => byId.get(row.project)?.countyCode);
  const perProgramme = fold(rows, (row) => byId.get(row.project)?.programme.id);
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
