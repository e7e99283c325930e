import { z } from "zod";
import { IdempotencyKeySchema } from "~/modules/ledger/ledger.schema";
import { amountProblem, parseYuanToFen } from "~/utils/money";
import { WHOLE_BP } from "~/modules/escrow/shares";

/** At most this many payers share one milestone. */
export const MAX_FUNDERS = 5;

export const SHARE_UNITS = ["yuan", "percent"] as const;
export type ShareUnit = (typeof SHARE_UNITS)[number];

/** One row of the payers form; a row left empty is ignored. */
const PayerRow = z.object({
  account: z.string().trim().max(200).optional(),
  amount: z.string().trim().max(20).optional(),
});

/**
 * The payers form: up to five rows of (paying account, share), the shares typed either in yuan
 * or in percent of the milestone (two decimals at most). Yuan become fen exactly; percentages
 * become basis points here and fen in the service, by the rule of `percentSharesToFen`.
 */
const SetFunders = z
  .object({
    intent: z.literal("set"),
    unit: z.enum(SHARE_UNITS, { message: "errors.required" }),
    payers: z.array(PayerRow).max(MAX_FUNDERS, "cofunding.errors.too_many").default([]),
  })
  .transform((value, ctx) => {
    const rows: { accountId: string; amount: number }[] = [];
    let filled = 0;
    value.payers.forEach((row, index) => {
      if (!row.account && !row.amount) return;
      filled += 1;
      if (!row.account) {
        ctx.addIssue({
          code: "custom",
          path: ["payers", index, "account"],
          message: "cofunding.errors.account_required",
        });
        return;
      }
      // Percent text parses like yuan: "30.5" → 3050 hundredths of a percent = basis points.
      const amount = row.amount ? parseYuanToFen(row.amount) : null;
      const tooBig = value.unit === "percent" && amount !== null && amount > WHOLE_BP;
      if (amount === null || amount <= 0 || tooBig) {
        ctx.addIssue({
          code: "custom",
          path: ["payers", index, "amount"],
          message:
            value.unit === "percent"
              ? "cofunding.errors.percent_invalid"
              : amountProblem(row.amount ?? "", "cofunding.errors.yuan_invalid"),
        });
        return;
      }
      rows.push({ accountId: row.account, amount });
    });
    // Only when nothing was filled in: a payer refused for its share already says what is wrong.
    if (filled === 0)
      ctx.addIssue({ code: "custom", path: ["payers"], message: "cofunding.errors.payers_required" });
    return { intent: value.intent, unit: value.unit, payers: rows };
  });

/** The forms of the payers page, told apart by `intent`. */
export const FundersActionSchema = z.discriminatedUnion("intent", [
  SetFunders,
  z.object({ intent: z.literal("clear") }),
  z.object({
    intent: z.literal("fund"),
    funderId: z.string().min(1).max(100),
    idempotencyKey: IdempotencyKeySchema,
  }),
]);
export type FundersAction = z.output<typeof FundersActionSchema>;

/** A payer as the service takes it: fen, or basis points of the milestone (all rows the same kind). */
export type FunderInput = { accountId: string; shareFen: number } | { accountId: string; shareBp: number };
