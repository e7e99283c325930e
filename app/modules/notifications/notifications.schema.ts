import { z } from "zod";

/** The actions of the notifications page. */
export const NotificationIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("open"),
    id: z.string({ error: "errors.required" }).min(1, "errors.required"),
  }),
  z.object({ intent: z.literal("mark-all") }),
]);
