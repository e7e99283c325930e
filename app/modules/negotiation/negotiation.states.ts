import type { InvitationStatus, RevisionStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** An invitation waits until the invited expert applies or declines; either answer is final. */
export const INVITATION_TRANSITIONS: Transitions<InvitationStatus> = {
  PENDING: ["APPLIED", "DECLINED"],
  APPLIED: [],
  DECLINED: [],
};

/**
 * A proposed revision is answered once by the other side, or replaced by a newer proposal first.
 * The opening revision (number 0) is created ACCEPTED: it records the application as first sent.
 */
export const REVISION_TRANSITIONS: Transitions<RevisionStatus> = {
  PROPOSED: ["ACCEPTED", "DECLINED", "SUPERSEDED"],
  ACCEPTED: [],
  DECLINED: [],
  SUPERSEDED: [],
};
