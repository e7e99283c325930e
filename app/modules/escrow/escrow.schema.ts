import { z } from "zod";
import { IdempotencyKeySchema } from "~/modules/ledger/ledger.schema";
import { requiredYuan } from "~/modules/marketplace/marketplace.schema";
import { MAX_IMAGE_BYTES } from "~/modules/uploads/limits";

/** Photos per delivery: field photos and scanned reports (only images can be stored so far). */
export const MAX_SUBMISSION_FILES = 6;

const reason = z
  .string({ message: "escrow.errors.reason_required" })
  .trim()
  .min(2, "escrow.errors.reason_required")
  .max(1000, "escrow.errors.reason_too_long");

const note = z
  .string({ message: "escrow.errors.note_required" })
  .trim()
  .min(2, "escrow.errors.note_required")
  .max(4000, "escrow.errors.note_too_long");

const files = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]),
  z
    .array(z.any())
    .transform((items) =>
      items.filter(
        (file): file is File => typeof File !== "undefined" && file instanceof File && file.size > 0,
      ),
    )
    .refine((items) => items.length <= MAX_SUBMISSION_FILES, "escrow.errors.files_too_many")
    .refine((items) => items.every((file) => file.size <= MAX_IMAGE_BYTES), "escrow.errors.file_too_large"),
);

/**
 * The bureau's ruling: an amount to the expert (0 allowed), the rest of the escrow back to the payer.
 * The person types yuan into `payeeYuan`, the name of the form field; the parsed value is fen.
 */
const ruling = {
  idempotencyKey: IdempotencyKeySchema,
  payeeYuan: requiredYuan("escrow.errors.amount_invalid"),
  note,
};

/** The same ruling through the API, which gives every amount in integer fen. */
export const ResolveDisputeBodySchema = z.object({
  payeeFen: z
    .number({ message: "escrow.errors.amount_invalid" })
    .int("escrow.errors.amount_invalid")
    .min(0, "escrow.errors.amount_invalid"),
  note,
});

/** Every milestone form on the agreement page posts here, told apart by `intent`. */
export const MilestoneActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("fund"), idempotencyKey: IdempotencyKeySchema }),
  z.object({ intent: z.literal("submit"), note, files }),
  z.object({ intent: z.literal("accept"), idempotencyKey: IdempotencyKeySchema }),
  z.object({ intent: z.literal("reject"), reason }),
  z.object({ intent: z.literal("dispute"), reason }),
  z.object({ intent: z.literal("resolve"), ...ruling }),
]);
export type MilestoneAction = z.output<typeof MilestoneActionSchema>;
export type MilestoneIntent = MilestoneAction["intent"];

/** The resolve form of the bureau's dispute list, one per disputed milestone. */
export const ResolveDisputeSchema = z.object({ milestoneId: z.string().min(1), ...ruling });
