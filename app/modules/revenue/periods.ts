import { addDays, addMonths, luoyangToday } from "~/utils/dates";
/**
 * The calendar and arithmetic of revenue sharing, free of the database so it can be unit-tested:
 * which periods a component has, when each report is due, and how much share a base yields.
 * Dates are "YYYY-MM-DD" days in Luoyang (Asia/Shanghai).
 */

export type SharePeriod = "MONTH" | "QUARTER" | "YEAR";

/** What the arithmetic needs of a REVENUE_SHARE component (see app/modules/agreements terms). */
export interface RevenueShareRule {
  shareBp: number;
  base: "REVENUE" | "PROFIT";
  period: SharePeriod;
  startDate: string;
  termMonths: number;
  floorFen?: number | null;
  capFen?: number | null;
}

const PERIOD_MONTHS: Record<SharePeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** Days after a period ends by which its report is due. */
export const REPORT_GRACE_DAYS = 15;

export type PeriodTiming = "upcoming" | "due" | "overdue";

export interface PeriodSlot {
  /** First day of the period. */
  start: string;
  /** Last day of the period (inclusive). */
  end: string;
  /** Last day to report: the period's end + 15 days. */
  dueDate: string;
  /** Not ended yet; ended and reportable; or past its due date. */
  timing: PeriodTiming;
}

/**
 * The reporting periods of a component: from its start date, one month, quarter or year at a
 * time, over the term (a term that is not a whole number of periods ends with a shorter one).
 * Each period starts a whole number of months after the start date, so short months never shift
 * the periods after them.
 */
export function periodsOf(
  rule: Pick<RevenueShareRule, "period" | "startDate" | "termMonths">,
  today: string | Date,
): PeriodSlot[] {
  const day = typeof today === "string" ? today : luoyangToday(today);
  const step = PERIOD_MONTHS[rule.period];
  const slots: PeriodSlot[] = [];
  for (let offset = 0; offset < rule.termMonths; offset += step) {
    const start = addMonths(rule.startDate, offset);
    const end = addDays(addMonths(rule.startDate, Math.min(offset + step, rule.termMonths)), -1);
    const dueDate = addDays(end, REPORT_GRACE_DAYS);
    slots.push({ start, end, dueDate, timing: day <= end ? "upcoming" : day <= dueDate ? "due" : "overdue" });
  }
  return slots;
}

/**
 * The share due for one period. Rounding rule (向下取整到分): base × share rate, rounded DOWN
 * to the whole fen — the payer never owes a fraction of a fen. A negative base (a loss, in
 * PROFIT mode) counts as zero. Then the floor applies (even when the base is zero), then the cap.
 */
export function shareDue(
  baseFen: number,
  rule: Pick<RevenueShareRule, "shareBp" | "floorFen" | "capFen">,
): number {
  if (!Number.isSafeInteger(baseFen)) throw new TypeError("the base must be an integer number of fen");
  // BigInt keeps base × basis points exact however large the base; division truncates, i.e. floors for a non-negative base.
  let share = Number((BigInt(Math.max(0, baseFen)) * BigInt(rule.shareBp)) / 10_000n);
  if (rule.floorFen != null) share = Math.max(share, rule.floorFen);
  if (rule.capFen != null) share = Math.min(share, rule.capFen);
  return share;
}

export { periodLabel } from "~/utils/dates";
