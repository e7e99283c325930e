import type { ServiceRequestStatus, ServiceStatus } from "~/generated/prisma/enums";
import { LISTING_TRANSITIONS } from "~/modules/listings/listings.states";
import type { Transitions } from "~/utils/state-machine";

/** A service moves as every listing does: ServiceStatus has the listing's states, state for state. */
export const SERVICE_TRANSITIONS: Transitions<ServiceStatus> = LISTING_TRANSITIONS;

/** A request moves like an application: the space answers, then finishes; the requester may cancel until it is done. */
export const REQUEST_TRANSITIONS: Transitions<ServiceRequestStatus> = {
  SUBMITTED: ["ACCEPTED", "DECLINED", "CANCELLED"],
  ACCEPTED: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  DECLINED: [],
  CANCELLED: [],
};
