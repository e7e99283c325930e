import { z } from "zod";
import { optionalUserText } from "~/utils/user-text";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { ApplySchema } from "~/modules/needs/apply.schema";

/** How many experts one invite form may name: enough for a shortlist, too few for spam. */
export const MAX_INVITES = 20;

const note = optionalUserText(1000, "negotiation.errors.note_length", { multiline: true });

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  expertIds: checkboxes(z.string().min(1)).pipe(z.array(z.string()).min(1, "negotiation.errors.no_experts")),
  message: note,
});

export const DeclineInvitationSchema = z.object({
  intent: z.literal("decline"),
  invitationId: z.string().min(1),
  reason: optionalUserText(300, "negotiation.errors.note_length", { multiline: true }),
});

/**
 * A counter-offer: the same fields and money parsing as the application form. The approach may
 * be left empty to keep the one on the table.
 */
export const ProposeRevisionSchema = z.object({
  intent: z.literal("propose"),
  approach: ApplySchema.shape.approach.optional(),
  timeline: ApplySchema.shape.timeline,
  arrangement: ApplySchema.shape.arrangement,
  price: ApplySchema.shape.price,
  note,
});

export type RevisionInput = Omit<z.infer<typeof ProposeRevisionSchema>, "intent">;

export const RespondRevisionSchema = z.object({
  intent: z.literal("respond"),
  revisionId: z.string().min(1),
  decision: z.enum(["ACCEPTED", "DECLINED"]),
});

/** The counter-offer route's actions, told apart by intent; `redirectTo` says where to go back. */
export const RevisionActionSchema = z.discriminatedUnion("intent", [
  ProposeRevisionSchema,
  RespondRevisionSchema,
]);
