import { z } from "zod";
import { addDays, addMonths, luoyangToday, startOfLuoyangDay } from "~/utils/dates";

/**
 * Report periods: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026") in Luoyang time.
 * A period is the half-open range [start, end) of instants, so a transfer at midnight on the
 * first of the next month belongs to the next period. Plain functions, safe in the browser.
 */
export const PERIOD_KINDS = ["MONTH", "QUARTER", "YEAR"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  MONTH: /^(20\d\d)-(0[1-9]|1[0-2])$/,
  QUARTER: /^(20\d\d)-Q([1-4])$/,
  YEAR: /^(20\d\d)$/,
};

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First day, "YYYY-MM-DD". */
  firstDay: string;
  /** Last day, "YYYY-MM-DD". */
  lastDay: string;
  start: Date;
  end: Date;
}

export function isPeriodKey(kind: PeriodKind, key: string): boolean {
  return KEY_PATTERNS[kind].test(key);
}

/** The period a kind and key name; throws on a key that does not fit the kind (check first). */
export function periodOf(kind: PeriodKind, key: string): Period {
  const match = KEY_PATTERNS[kind].exec(key);
  if (!match) throw new Error(`not a ${kind} period: ${key}`);
  const year = match[1]!;
  const [firstDay, months] =
    kind === "MONTH"
      ? [`${year}-${match[2]}-01`, 1]
      : kind === "QUARTER"
        ? [`${year}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, "0")}-01`, 3]
        : [`${year}-01-01`, 12];
  const next = addMonths(firstDay, months);
  return {
    kind,
    key,
    firstDay,
    lastDay: addDays(next, -1),
    start: startOfLuoyangDay(firstDay),
    end: startOfLuoyangDay(next),
  };
}

/** The key of the period of this kind that holds the moment. */
export function periodKeyAt(kind: PeriodKind, moment: Date = new Date()): string {
  const day = luoyangToday(moment);
  const year = day.slice(0, 4);
  if (kind === "YEAR") return year;
  const month = Number(day.slice(5, 7));
  return kind === "MONTH" ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * The key of the last period of this kind that has ended: the one whose returns are now due. A
 * return is submitted only after its period, so this is what the roll-up opens on.
 */
export function lastEndedPeriodKey(kind: PeriodKind, now: Date = new Date()): string {
  const current = periodOf(kind, periodKeyAt(kind, now));
  return periodKeyAt(kind, new Date(current.start.getTime() - 1));
}

/** A period chosen in a form or a link: kind and key, checked together by `checkPeriod`. */
export const PeriodFields = z.object({
  periodKind: z.enum(PERIOD_KINDS),
  periodKey: z.string({ message: "reports.errors.period" }).trim().max(10),
});

export function checkPeriod(value: { periodKind: PeriodKind; periodKey: string }, ctx: z.RefinementCtx) {
  if (!isPeriodKey(value.periodKind, value.periodKey)) {
    ctx.addIssue({ code: "custom", message: "reports.errors.period", path: ["periodKey"] });
  }
}

export const PeriodSchema = PeriodFields.superRefine(checkPeriod);
