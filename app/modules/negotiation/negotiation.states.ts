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

/**
 * What happened to each revision, as the history should say it. The opening revision is stored
 * ACCEPTED but nobody accepted it: it reads ORIGINAL while its terms are in force and REPLACED once
 * a counter-offer was accepted; an accepted counter-offer reads ACCEPTED until a later one is
 * accepted, then REPLACED too. Proposals keep their own status.
 */
export type RevisionOutcome = RevisionStatus | "ORIGINAL" | "REPLACED";

export function revisionOutcomes(revisions: { number: number; status: RevisionStatus }[]): RevisionOutcome[] {
  const inForce = Math.max(
    -1,
    ...revisions.filter((revision) => revision.status === "ACCEPTED").map((revision) => revision.number),
  );
  return revisions.map((revision) => {
    if (revision.status !== "ACCEPTED") return revision.status;
    if (revision.number < inForce) return "REPLACED";
    return revision.number === 0 ? "ORIGINAL" : "ACCEPTED";
  });
}
