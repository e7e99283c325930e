import type { NeedStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** DESIGN.md §3: DRAFT → OPEN → IN_PROGRESS → COMPLETED; OPEN → CLOSED | EXPIRED. */
export const NEED_TRANSITIONS: Transitions<NeedStatus> = {
  DRAFT: ["OPEN"],
  OPEN: ["IN_PROGRESS", "CLOSED", "EXPIRED"],
  IN_PROGRESS: ["COMPLETED"],
  COMPLETED: [],
  CLOSED: [],
  EXPIRED: [],
};
