import type { VerificationStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** The bureau decides a request once; a rejected subject submits a new request rather than reopening it. */
export const VERIFICATION_TRANSITIONS: Transitions<VerificationStatus> = {
  PENDING: ["APPROVED", "REJECTED"],
  APPROVED: [],
  REJECTED: [],
};
