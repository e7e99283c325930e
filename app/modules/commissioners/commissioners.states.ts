import type { TrainingStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * A training is cancelled before it is held, or held once attendance is marked. Attendance may be
 * corrected after the training was held, so HELD may be marked again.
 */
export const TRAINING_TRANSITIONS: Transitions<TrainingStatus> = {
  OPEN: ["CANCELLED", "HELD"],
  HELD: ["HELD"],
  CANCELLED: [],
};
