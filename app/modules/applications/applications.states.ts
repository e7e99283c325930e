import type { ApplicationStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** DESIGN.md §3: SUBMITTED → SHORTLISTED → ACCEPTED | DECLINED; withdraw until accepted. */
export const APPLICATION_TRANSITIONS: Transitions<ApplicationStatus> = {
  SUBMITTED: ["SHORTLISTED", "ACCEPTED", "DECLINED", "WITHDRAWN"],
  SHORTLISTED: ["ACCEPTED", "DECLINED", "WITHDRAWN"],
  ACCEPTED: [],
  DECLINED: [],
  WITHDRAWN: [],
};
