import { z } from "zod";
import { photoFilesField } from "~/modules/uploads/photo-files.schema";
import { optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { optionalUserText, userText } from "~/utils/user-text";
import {
  BUDGET_CATEGORIES,
  type BudgetCategory,
  type BudgetLine,
  type PlanMilestone,
  normaliseLines,
  sumLines,
} from "./monitoring.budget";
import { PAYEE_KINDS } from "./monitoring.rules";

export const MAX_REPORT_PHOTOS = 6;
/** Rows of the spending table on the report form: enough for a quarter; with more, file them as "other". */
export const SPENDING_ROWS = 8;
const MAX_PAYMENT_FEN = 1_000_000_000;
const MAX_NAMES = 30;

const text = (min: number, max: number, message: string) =>
  userText(min, max, message, { required: message, multiline: true });

/** A calendar day typed as YYYY-MM-DD that exists (no 2027-02-30). */
export function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const date = (message: string) =>
  z
    .string({ message: "errors.required" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isCalendarDay, message);

/** Names typed one per line (or separated by commas or 、): a team, a supplier list. */
const names = optionalUserText(2000, "monitoring.errors.names", { multiline: true }).transform(
  (value, ctx) => {
    const list = [
      ...new Set(
        (value ?? "")
          .split(/[\n,，、;；]/)
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    ];
    if (list.length > MAX_NAMES || list.some((name) => name.length > 60)) {
      ctx.addIssue({ code: "custom", message: "monitoring.errors.names" });
      return z.NEVER;
    }
    return list;
  },
);

/** One amount field per budget category (`budget.EQUIPMENT`…); blank means nothing on that line. */
const budgetFields = z
  .object(
    Object.fromEntries(
      BUDGET_CATEGORIES.map((category) => [category, optionalYuan("monitoring.errors.money")]),
    ) as Record<BudgetCategory, ReturnType<typeof optionalYuan>>,
  )
  .default({} as never)
  .transform((amounts): BudgetLine[] =>
    normaliseLines(BUDGET_CATEGORIES.map((category) => ({ category, amountFen: amounts[category] ?? 0 }))),
  );

/** The budget fieldset of the application form: lines, team and suppliers. */
export const PlanFieldsetFields = z.object({
  budget: budgetFields,
  team: names,
  suppliers: names,
});
export type PlanFieldset = z.output<typeof PlanFieldsetFields>;

/** For a form's refine: the lines must add up to the total (asked for or approved). */
export function checkBudgetTotal(lines: BudgetLine[], totalFen: number, ctx: z.RefinementCtx): void {
  if (lines.length === 0 || sumLines(lines) !== totalFen)
    ctx.addIssue({ code: "custom", path: ["budget"], message: "monitoring.errors.budget_total" });
}

/** Milestones typed one a line: "2027-03-31 建成菌棒生产线". */
const milestones = optionalUserText(2000, "monitoring.errors.milestones", { multiline: true }).transform(
  (value, ctx): PlanMilestone[] => {
    const rows = (value ?? "")
      .split("\n")
      .map((row) => row.trim())
      .filter(Boolean);
    const parsed = rows.map((row) => /^(\d{4}-\d{2}-\d{2})\s+(.{2,80})$/.exec(row));
    if (parsed.some((match) => match === null || !isCalendarDay(match[1]!)) || rows.length > 20) {
      ctx.addIssue({ code: "custom", message: "monitoring.errors.milestones" });
      return z.NEVER;
    }
    return parsed.map((match) => ({ dueOn: match![1]!, title: match![2]!.trim() }));
  },
);

/** 变更申请: the whole plan as the project wants it, and why. */
export const ChangeRequestSchema = z.object({
  budget: budgetFields,
  scope: text(10, 4000, "monitoring.errors.scope"),
  endsOn: date("monitoring.errors.date")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  milestones,
  team: names,
  suppliers: names,
  reason: text(4, 2000, "monitoring.errors.reason"),
});
export type ChangeRequestFields = z.output<typeof ChangeRequestSchema>;

const yesNo = z.enum(["yes", "no"], { message: "errors.required" }).transform((value) => value === "yes");

/** The signatures on a change request: the county's opinion, the city's and the finance bureau's decisions. */
export const ChangeDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("countyOpinion"),
    requestId: z.string().min(1),
    supports: yesNo,
    opinion: text(2, 2000, "monitoring.errors.opinion"),
  }),
  z.object({
    intent: z.literal("bureauDecision"),
    requestId: z.string().min(1),
    approve: yesNo,
    note: optionalUserText(2000, "monitoring.errors.opinion", { multiline: true }).default(""),
  }),
  z.object({
    intent: z.literal("financeDecision"),
    requestId: z.string().min(1),
    approve: yesNo,
    note: optionalUserText(2000, "monitoring.errors.opinion", { multiline: true }).default(""),
  }),
]);
export type ChangeDecision = z.output<typeof ChangeDecisionSchema>;

const spendingRow = z.object({
  category: z
    .enum(BUDGET_CATEGORIES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  payeeName: optionalUserText(60, "monitoring.errors.payee"),
  payeeKind: z
    .enum(PAYEE_KINDS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // One payment of at most 10 million yuan: far above any grant, and within the column's integer.
  amount: optionalYuan("monitoring.errors.money").refine(
    (fen) => fen === undefined || fen <= MAX_PAYMENT_FEN,
    "monitoring.errors.money",
  ),
});

/**
 * The spending table: rows left blank are dropped; a row begun must be finished (line, payee,
 * kind and a positive amount), and its errors sit on its own fields.
 */
const spending = z
  .array(spendingRow.optional())
  .default([])
  .superRefine((rows, ctx) => {
    rows.forEach((row, index) => {
      if (!row || (!row.category && !row.payeeName && !row.payeeKind && row.amount === undefined)) return;
      if (!row.category)
        ctx.addIssue({ code: "custom", path: [index, "category"], message: "errors.required" });
      if (!row.payeeName)
        ctx.addIssue({ code: "custom", path: [index, "payeeName"], message: "errors.required" });
      if (!row.payeeKind)
        ctx.addIssue({ code: "custom", path: [index, "payeeKind"], message: "errors.required" });
      if (!row.amount)
        ctx.addIssue({ code: "custom", path: [index, "amount"], message: "monitoring.errors.money" });
    });
  })
  .transform((rows) =>
    rows
      .filter((row) => row?.category && row.payeeName && row.payeeKind && row.amount)
      .map((row) => ({
        category: row!.category!,
        payeeName: row!.payeeName!,
        payeeKind: row!.payeeKind!,
        amountFen: row!.amount!,
      })),
  );

const photoFiles = photoFilesField(MAX_REPORT_PHOTOS, {
  tooMany: "monitoring.errors.photos_too_many",
  tooLarge: "monitoring.errors.photo_too_large",
});

/** 进度报告 for one scheduled period. */
export const ProgressReportSchema = z.object({
  period: z.coerce.number({ message: "errors.required" }).int().min(1).max(40),
  progress: text(10, 4000, "monitoring.errors.progress"),
  spending,
  photos: photoFiles,
});
export type ProgressReportFields = Omit<z.output<typeof ProgressReportSchema>, "photos">;

/** 实地核查. */
export const SiteVisitSchema = z.object({
  visitedOn: date("monitoring.errors.date"),
  findings: text(10, 4000, "monitoring.errors.findings"),
  matchesReport: yesNo,
  photos: photoFiles,
});
export type SiteVisitFields = Omit<z.output<typeof SiteVisitSchema>, "photos">;

/** The review queue: dismiss with a reason, or confirm and go on to the sanctions. */
export const FlagIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("dismiss"),
    flagId: z.string().min(1),
    reason: text(2, 1000, "monitoring.errors.reason"),
  }),
  z.object({
    intent: z.literal("confirm"),
    flagId: z.string().min(1),
    reason: text(2, 1000, "monitoring.errors.reason"),
  }),
]);
