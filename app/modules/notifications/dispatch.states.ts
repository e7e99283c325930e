import type { NotificationDispatchStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * A dispatch is claimed (SENDING, committed) before the provider is called, so a crash after the
 * call leaves SENDING behind. Such a dispatch becomes UNCERTAIN, never PENDING: sending it again
 * could send it twice (docs/decisions/031). A failed attempt goes back to PENDING for a retry.
 */
export const DISPATCH_TRANSITIONS: Transitions<NotificationDispatchStatus> = {
  PENDING: ["SENDING", "CANCELLED"],
  SENDING: ["SENT", "PENDING", "FAILED", "UNCERTAIN"],
  SENT: [],
  FAILED: [],
  UNCERTAIN: [],
  CANCELLED: [],
};
