import { z } from "zod";
import { boundedText } from "~/utils/text-schema";
import { ARRANGEMENT_TYPES, requiredYuan } from "~/modules/marketplace/marketplace.schema";

/**
 * An expert's proposal on a need: the need page's apply form, the API's body and the fields a
 * counter-offer revises. It sits with needs, the lowest module that shows it, so the need page,
 * applications and negotiation all read it from below; applications re-exports it.
 */
export const ApplySchema = z.object({
  intent: z.literal("apply"),
  approach: boundedText(20, 4000, "applications.errors.approach_length"),
  timeline: boundedText(4, 400, "applications.errors.timeline_length"),
  arrangement: z.enum(ARRANGEMENT_TYPES, { message: "applications.errors.arrangement" }),
  price: requiredYuan("needs.errors.money"),
});

export type ApplyInput = z.infer<typeof ApplySchema>;
