import type { OfferStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** The offer state machine. Every state is editable; editing a published offer keeps it published. */
export const OFFER_TRANSITIONS: Transitions<OfferStatus> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["WITHDRAWN"],
  WITHDRAWN: ["PUBLISHED"],
};
