import { z } from "zod";
import { ApplySchema } from "./apply.schema";
import { HideSchema } from "./needs.schema";

/** Every action of the need page, told apart by intent. */
export const NeedPageActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("close") }),
  HideSchema.extend({ intent: z.literal("hide") }),
  z.object({ intent: z.literal("unhide") }),
  ApplySchema,
  z.object({ intent: z.literal("withdraw"), applicationId: z.string().min(1) }),
]);
