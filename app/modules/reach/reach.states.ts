import type { TriageStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** An assignment waits for its assignee to apply or decline, unless staff take it back first. */
export const TRIAGE_TRANSITIONS: Transitions<TriageStatus> = {
  ASSIGNED: ["APPLIED", "DECLINED", "WITHDRAWN"],
  APPLIED: [],
  DECLINED: [],
  WITHDRAWN: [],
};
