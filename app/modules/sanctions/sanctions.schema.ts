import { z } from "zod";
import { requiredYuan } from "~/modules/marketplace/marketplace.schema";

export const SANCTION_KINDS = ["SUSPENSION", "CLAWBACK", "BAN"] as const;

const reason = z
  .string({ message: "sanctions.errors.reason_required" })
  .trim()
  .min(2, "sanctions.errors.reason_required")
  .max(1000, "sanctions.errors.reason_too_long");

const optionalId = z.string().trim().max(64).optional();

/** The "new sanction" page: one form per kind, told apart by `intent`. */
export const NewSanctionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("suspend"), applicationId: z.string().min(1), reason }),
  z.object({
    intent: z.literal("clawback"),
    applicationId: z.string().min(1),
    amountYuan: requiredYuan("sanctions.errors.amount_invalid"),
    reason,
  }),
  z.object({
    intent: z.literal("ban"),
    applicationId: optionalId,
    organisationId: optionalId,
    userId: optionalId,
    /** Without an application, a person is named by their mobile number. */
    phone: z.string().trim().max(32).optional(),
    reason,
  }),
]);

/** The list and detail pages: lift a suspension or ban, collect what a claw-back left owed. */
export const SanctionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("lift"), sanctionId: z.string().min(1), reason }),
  z.object({ intent: z.literal("collect"), sanctionId: z.string().min(1) }),
]);

export const SanctionFiltersSchema = z.object({
  kind: z.enum(SANCTION_KINDS).optional().catch(undefined),
});
