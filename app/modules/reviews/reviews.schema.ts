import { z } from "zod";
import { cleanText } from "~/utils/user-text";
import type { AgreementParty } from "~/generated/prisma/enums";

/** Days after an agreement completes during which each side may review the other. */
export const REVIEW_WINDOW_DAYS = 14;

/**
 * The named criteria each side scores, 1–5. The paying side (PAYER) reviews the expert; the
 * expert (PAYEE) reviews the paying side. Message keys: `reviews.criterion.<name>`.
 */
export const CRITERIA = {
  PAYER: ["expertise", "communication", "timeliness", "results"],
  PAYEE: ["clarity", "cooperation", "payment", "communication"],
} as const satisfies Record<AgreementParty, readonly string[]>;

export type Criterion = (typeof CRITERIA)[AgreementParty][number];

export const SCORES = [1, 2, 3, 4, 5] as const;

const score = z
  .number({ message: "reviews.errors.score_required" })
  .int("reviews.errors.score_required")
  .min(1, "reviews.errors.score_required")
  .max(5, "reviews.errors.score_required");

const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  cleanText(z.string().min(min, tooShort).max(max, tooLong), { multiline: true });

/** The review form of one side: its criteria, the overall rating and the text. */
export function reviewFormSchema(side: AgreementParty) {
  const scores = Object.fromEntries(CRITERIA[side].map((criterion) => [criterion, score])) as Record<
    Criterion,
    typeof score
  >;
  return z.object({
    scores: z.object(scores, { message: "reviews.errors.score_required" }),
    rating: score,
    text: text(10, 2000, "reviews.errors.text_length", "reviews.errors.text_length"),
  });
}

export type ReviewInput = z.output<ReturnType<typeof reviewFormSchema>>;

/** The form of each side, built once (the page reads its constraints from these). */
export const PayerReviewSchema = reviewFormSchema("PAYER");
export const PayeeReviewSchema = reviewFormSchema("PAYEE");

/** What a person may do to one published review (/reviews/:id): reply to it, or report it. */
export const ReviewActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reply"),
    reply: text(2, 1000, "reviews.errors.reply_length", "reviews.errors.reply_length"),
    redirectTo: z.string().optional(),
  }),
  z.object({
    intent: z.literal("report"),
    reason: text(4, 500, "reviews.errors.reason_length", "reviews.errors.reason_length"),
    redirectTo: z.string().optional(),
  }),
]);

export const ModerationDecisionSchema = z.object({
  reportId: z.string({ message: "errors.required" }).min(1),
  decision: z.enum(["UPHELD", "DISMISSED"], { message: "reviews.errors.decision_required" }),
  note: text(4, 500, "reviews.errors.note_length", "reviews.errors.note_length"),
});
