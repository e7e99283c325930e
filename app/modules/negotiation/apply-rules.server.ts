import type { Tx } from "~/db.server";
import { TRIAGE_TRANSITIONS } from "~/modules/reach/reach.states";
import { DomainError } from "~/utils/errors";
import { statesThatMayBecome } from "~/utils/state-machine";
import { INVITATION_TRANSITIONS } from "./negotiation.states";

/*
 * The negotiation rules the application service calls inside its own transaction (after it has
 * locked the need row). Kept here, not in applications.server.ts, so the rules of invitations and
 * counter-offers live in one module and nothing imports in a circle.
 */

/** Whether the expert may apply to an invitation-only need: a pending invitation or a live triage assignment. */
export async function holdsInvitation(tx: Tx, needId: string, expertId: string): Promise<boolean> {
  const [invitation, assignment] = await Promise.all([
    tx.needInvitation.findFirst({ where: { needId, expertId, status: "PENDING" }, select: { id: true } }),
    tx.triageAssignment.findFirst({
      where: { needId, assigneeId: expertId, status: "ASSIGNED" },
      select: { id: true },
    }),
  ]);
  return Boolean(invitation || assignment);
}

export async function assertMayApplyByInvitation(
  tx: Tx,
  need: { id: string; invitationOnly: boolean },
  expertId: string,
): Promise<void> {
  if (need.invitationOnly && !(await holdsInvitation(tx, need.id, expertId)))
    throw new DomainError("negotiation.invitation_required");
}

/** The expert applied: the invitation and any triage assignment that brought them are answered. */
export async function markInvitationsApplied(
  tx: Tx,
  needId: string,
  expertId: string,
  now = new Date(),
): Promise<void> {
  await tx.needInvitation.updateMany({
    where: { needId, expertId, status: { in: statesThatMayBecome(INVITATION_TRANSITIONS, "APPLIED") } },
    data: { status: "APPLIED", respondedAt: now },
  });
  await tx.triageAssignment.updateMany({
    where: {
      needId,
      assigneeId: expertId,
      status: { in: statesThatMayBecome(TRIAGE_TRANSITIONS, "APPLIED") },
    },
    data: { status: "APPLIED", respondedAt: now },
  });
}

/** An application cannot be accepted on terms still being negotiated. */
export async function assertNoPendingRevision(tx: Tx, applicationId: string): Promise<void> {
  const pending = await tx.applicationRevision.findFirst({
    where: { applicationId, status: "PROPOSED" },
    select: { side: true },
  });
  if (!pending) return;
  throw new DomainError(
    pending.side === "APPLICANT"
      ? "negotiation.answer_counter_offer_first"
      : "negotiation.awaiting_counter_offer",
  );
}
