import type { Transitions } from "~/utils/state-machine";

/** The states an offer (OfferStatus) and a space's service (ServiceStatus) share, state for state. */
export type ListingStatus = "DRAFT" | "PUBLISHED" | "WITHDRAWN";

/** The listing state machine. Every state is editable; editing a published listing keeps it published. */
export const LISTING_TRANSITIONS: Transitions<ListingStatus> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["WITHDRAWN"],
  WITHDRAWN: ["PUBLISHED"],
};
