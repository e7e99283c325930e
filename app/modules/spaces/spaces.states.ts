import type { ServiceRequestStatus, ServiceStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** The service state machine, as for offers. Every state is editable; editing a published service keeps it published. */
export const SERVICE_TRANSITIONS: Transitions<ServiceStatus> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["WITHDRAWN"],
  WITHDRAWN: ["PUBLISHED"],
};

/** A request moves like an application: the space answers, then finishes; the requester may cancel until it is done. */
export const REQUEST_TRANSITIONS: Transitions<ServiceRequestStatus> = {
  SUBMITTED: ["ACCEPTED", "DECLINED", "CANCELLED"],
  ACCEPTED: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  DECLINED: [],
  CANCELLED: [],
};
