import { z } from "zod";
import { optionalUserText } from "~/utils/user-text";
export { ApplySchema, type ApplyInput } from "~/modules/needs/apply.schema";

const message = optionalUserText(1000, "applications.errors.message_length", { multiline: true });

/** What a poster or applicant does to an application, told apart by intent. */
export const ApplicationDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("shortlist"), applicationId: z.string().min(1) }),
  z.object({ intent: z.literal("accept"), applicationId: z.string().min(1), message }),
  z.object({ intent: z.literal("decline"), applicationId: z.string().min(1), message }),
  z.object({ intent: z.literal("withdraw"), applicationId: z.string().min(1) }),
]);
