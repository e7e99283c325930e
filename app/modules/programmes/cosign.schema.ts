import { z } from "zod";
import { userText } from "~/utils/user-text";

const reason = userText(2, 1000, "cosign.errors.reason", {
  required: "cosign.errors.reason",
  multiline: true,
});
const note = userText(2, 2000, "cosign.errors.note", { required: "cosign.errors.note", multiline: true });
const id = z.string().trim().min(1).max(64);

/** What a finance officer may do on an application: sign or refuse payments, give an opinion, stop or resume payments. */
export const FinanceIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), proposalId: id, idempotencyKey: z.string().min(8) }),
  z.object({ intent: z.literal("refuse"), proposalId: id, reason }),
  z.object({ intent: z.literal("agree"), note }),
  z.object({ intent: z.literal("disagree"), note }),
  z.object({ intent: z.literal("stop"), reason }),
  z.object({ intent: z.literal("resume"), sanctionId: id, reason }),
]);

export type FinanceIntent = z.output<typeof FinanceIntentSchema>;
