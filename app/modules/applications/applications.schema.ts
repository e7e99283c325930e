import { z } from "zod";
import { ARRANGEMENT_TYPES, requiredYuan } from "~/modules/marketplace/marketplace.schema";

export const ApplySchema = z.object({
  intent: z.literal("apply"),
  approach: z
    .string({ message: "errors.required" })
    .trim()
    .min(20, "applications.errors.approach_length")
    .max(4000, "applications.errors.approach_length"),
  timeline: z
    .string({ message: "errors.required" })
    .trim()
    .min(4, "applications.errors.timeline_length")
    .max(400, "applications.errors.timeline_length"),
  arrangement: z.enum(ARRANGEMENT_TYPES, { message: "applications.errors.arrangement" }),
  price: requiredYuan("needs.errors.money"),
});

export type ApplyInput = z.infer<typeof ApplySchema>;

const message = z.string().trim().max(1000).optional();

/** What a poster or applicant does to an application, told apart by intent. */
export const ApplicationDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("shortlist"), applicationId: z.string().min(1) }),
  z.object({ intent: z.literal("accept"), applicationId: z.string().min(1), message }),
  z.object({ intent: z.literal("decline"), applicationId: z.string().min(1), message }),
  z.object({ intent: z.literal("withdraw"), applicationId: z.string().min(1) }),
]);
