import { z } from "zod";
import { luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { PeriodFields, PeriodSchema, checkPeriod, isPeriodKey, periodOf } from "./reports.periods";

/** Generate (or open) the return of a period for the preparer's own scope. */
export const GenerateReturnSchema = PeriodSchema;

/** The preparer's words beside the computed figures; figures are never typed in. */
export const ReturnNotesSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("notes"),
    narrative: z.string().trim().max(5000, { message: "reports.errors.too_long" }).default(""),
    notes: z.string().trim().max(2000, { message: "reports.errors.too_long" }).default(""),
  }),
  z.object({ intent: z.literal("submit") }),
]);

/**
 * The city's deadline for county returns of a period: a day in Luoyang; it lasts to its end. A
 * return can be submitted only once its period is over, so the deadline must fall after the
 * period's last day; an earlier one could never be met.
 */
export const DeadlineSchema = PeriodFields.extend({
  dueDay: z
    .string({ message: "reports.errors.due_day" })
    .regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "reports.errors.due_day" })
    // 2026-02-31 fits the pattern but is no day: it must read back as itself.
    .refine(
      (day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && luoyangToday(startOfLuoyangDay(day)) === day,
      {
        message: "reports.errors.due_day",
      },
    ),
}).superRefine((value, ctx) => {
  checkPeriod(value, ctx);
  if (!isPeriodKey(value.periodKind, value.periodKey)) return;
  if (value.dueDay <= periodOf(value.periodKind, value.periodKey).lastDay) {
    ctx.addIssue({ code: "custom", message: "reports.errors.due_in_period", path: ["dueDay"] });
  }
});

/** Which period a page shows: from the query string, falling back to the current month. */
export const PeriodQuerySchema = z.object({
  periodKind: z.enum(["MONTH", "QUARTER", "YEAR"]).catch("MONTH"),
  periodKey: z.string().max(10).optional().catch(undefined),
});
