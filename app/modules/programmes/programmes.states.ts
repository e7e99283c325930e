import type { ProgrammeApplicationStatus, ProgrammeStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** DESIGN §3: a call is written, opened, closed. */
export const PROGRAMME_TRANSITIONS: Transitions<ProgrammeStatus> = {
  DRAFT: ["OPEN"],
  OPEN: ["CLOSED"],
  CLOSED: [],
};

/**
 * DESIGN §3: SUBMITTED → APPROVED | REJECTED → DISBURSED → EVALUATED. A grant may be evaluated
 * before it is fully paid; a post-subsidy is evaluated first and paid after, staying EVALUATED.
 */
export const PROGRAMME_APPLICATION_TRANSITIONS: Transitions<ProgrammeApplicationStatus> = {
  SUBMITTED: ["APPROVED", "REJECTED", "WITHDRAWN"],
  APPROVED: ["DISBURSED", "EVALUATED"],
  DISBURSED: ["EVALUATED"],
  EVALUATED: [],
  REJECTED: [],
  WITHDRAWN: [],
};
