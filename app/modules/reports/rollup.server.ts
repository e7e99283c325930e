import { db } from "~/db.server";
import { COUNTY_CODES } from "~/modules/reference/reference";
import type { ReportFigures } from "./reports-figures.server";
import { FIGURE_KEYS } from "./reports-figures.server";
import { CITY_SCOPE } from "./reports.server";
import type { Period } from "./reports.periods";
import { SnapshotSchema } from "./reports.snapshot";

/** Figures that returns frozen before their part of the platform existed hold as null (issue 23). */
const NULLABLE_FIGURES: ReadonlySet<string> = new Set([
  "householdsReached",
  "moneyToHouseholdsFen",
  "moneyDividendFen",
  "moneyWageFen",
  "moneyLandRentFen",
  "moneyContractPurchaseFen",
  "moneySharesFen",
]);

export type CountyReturnState = "missing" | "draft" | "submitted";

export interface CountyRollUpRow {
  countyCode: string;
  returnId: string | null;
  state: CountyReturnState;
  submittedAt: Date | null;
  /** Submitted after the deadline, or not submitted and the deadline has passed. */
  late: boolean;
  /** The submitted (frozen) figures; null until the county has submitted. */
  figures: ReportFigures | null;
}

/**
 * The leading group's view of a period: each county's return side by side, as submitted, with
 * the total of the submitted figures (households stay null while any is null), and the city's
 * own return. Only submitted returns count: a draft's numbers can still change.
 */
export async function rollUp(period: Period, now = new Date()) {
  const [returns, deadline] = await Promise.all([
    db.reportReturn.findMany({
      where: { periodKind: period.kind, periodKey: period.key },
      select: { id: true, scope: true, status: true, submittedAt: true, snapshot: true },
    }),
    db.reportDeadline.findUnique({
      where: { periodKind_periodKey: { periodKind: period.kind, periodKey: period.key } },
      select: { dueAt: true },
    }),
  ]);
  const dueAt = deadline?.dueAt ?? null;
  const byScope = new Map(returns.map((row) => [row.scope, row]));
  const counties: CountyRollUpRow[] = COUNTY_CODES.map((countyCode) => {
    const row = byScope.get(countyCode);
    const state: CountyReturnState = !row ? "missing" : row.status === "SUBMITTED" ? "submitted" : "draft";
    const submittedAt = row?.submittedAt ?? null;
    const late = dueAt !== null && (submittedAt ? submittedAt > dueAt : now > dueAt);
    return {
      countyCode,
      returnId: row?.id ?? null,
      state,
      submittedAt,
      late,
      figures: state === "submitted" ? SnapshotSchema.parse(row!.snapshot).figures : null,
    };
  });
  const submitted = counties.flatMap((county) => (county.figures ? [county.figures] : []));
  const total = Object.fromEntries(
    FIGURE_KEYS.map((key) => {
      const values = submitted.map((figures) => figures[key]);
      const sum = values.some((value) => value == null)
        ? null
        : values.reduce<number>((acc, value) => acc + (value ?? 0), 0);
      // Figures a frozen return may lack (null) stay null without any submitted return.
      return [key, sum !== null && NULLABLE_FIGURES.has(key) && submitted.length === 0 ? null : sum];
    }),
  ) as unknown as ReportFigures;
  const city = byScope.get(CITY_SCOPE);
  return {
    period,
    dueAt,
    counties,
    total,
    submittedCount: submitted.length,
    missing: counties.filter((county) => county.state !== "submitted").map((county) => county.countyCode),
    late: counties.filter((county) => county.late).map((county) => county.countyCode),
    city: city ? { id: city.id, status: city.status, submittedAt: city.submittedAt } : null,
  };
}

export type RollUp = Awaited<ReturnType<typeof rollUp>>;
