import { z } from "zod";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { userText } from "~/utils/user-text";

/** The teams page: form a team, or confirm an invitation. */
export const TeamIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: userText(2, 40, "applicants.errors.team_name", { required: "applicants.errors.team_name" }),
    memberIds: checkboxes(z.string().min(1).max(40)).refine(
      (ids) => ids.length >= 1 && ids.length <= 20,
      "applicants.errors.team_too_small",
    ),
  }),
  z.object({ intent: z.literal("confirm"), teamId: z.string().min(1).max(40) }),
]);
