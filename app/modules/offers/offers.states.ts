import type { OfferStatus } from "~/generated/prisma/enums";
import { LISTING_TRANSITIONS } from "~/modules/listings/listings.states";
import type { Transitions } from "~/utils/state-machine";

/** An offer moves as every listing does: OfferStatus has the listing's states, state for state. */
export const OFFER_TRANSITIONS: Transitions<OfferStatus> = LISTING_TRANSITIONS;
