import { z } from "zod";
import { withUnit, type Tx, type Unit } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementStatus, MilestoneStatus } from "~/generated/prisma/enums";
import { AGREEMENT_TRANSITIONS, FINAL_MILESTONE_STATES, MILESTONE_TRANSITIONS } from "./escrow.states";
import { recordAudit } from "~/modules/audit/audit.server";
import { balanceOf, ensureWallet, escrowId, transfer } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
  type NotificationType,
} from "~/modules/notifications/notifications.server";
import { type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { partyOf, payeeWallet } from "./parties";

/*
 * What every escrow flow shares: the row locks, the state moves, the notices and the release of
 * a milestone's escrow, used by the commands, the refunds, co-funded shares and the job.
 */

// Under a burst (fifty clicks on "accept") transactions queue for the row lock and for a
// connection; the defaults (2 s wait, 5 s run) are too short for that queue on a small machine.
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

export const agreementSelect = {
  id: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  reviewWindowDays: true,
} as const;

export type Parties = {
  payerUserId: string;
  payerOrganisationId: string | null;
  payeeUserId: string;
  payeeOrganisationId: string | null;
};

export const milestoneSelect = {
  id: true,
  agreementId: true,
  title: true,
  amountFen: true,
  status: true,
  reviewDueAt: true,
  agreement: { select: agreementSelect },
} as const;

type NotificationRows = Awaited<ReturnType<typeof createNotifications>>;
type Notify = (items: NewNotification[]) => void;

/** The person acting for the paying side: the named payer, or a village-role member of its organisation. */
export function actsForPayer(actor: Actor, agreement: Parties): boolean {
  return partyOf(actor, agreement) === "PAYER";
}

export function actsForPayee(actor: Actor, agreement: Parties): boolean {
  return actor.id === agreement.payeeUserId;
}

/** The providing side at large: the expert, or an institution-role member of their institution (it co-signs). */
export function onPayeeSide(actor: Actor, agreement: Parties): boolean {
  return partyOf(actor, agreement) === "PAYEE";
}

/** Anyone on either side may read the milestones, members of both organisations included. */
export function onEitherSide(actor: Actor, agreement: Parties): boolean {
  const orgs = [agreement.payerOrganisationId, agreement.payeeOrganisationId].filter(
    (id): id is string => id !== null,
  );
  return (
    actsForPayer(actor, agreement) ||
    actsForPayee(actor, agreement) ||
    actor.memberships.some((m) => orgs.includes(m.organisationId))
  );
}

/** An agreement whose milestones may still move: in force, or in force with a dispute open. */
export function assertInForce(status: AgreementStatus) {
  if (status !== "ACTIVE" && status !== "DISPUTED") throw new DomainError("escrow.agreement_not_active");
}

async function payerSideUserIds(tx: Tx, agreement: Parties): Promise<string[]> {
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

export async function recipients(
  tx: Tx,
  agreement: Parties,
  side: "payer" | "payee" | "both",
  exceptId: string | null,
): Promise<string[]> {
  const ids = [
    ...(side === "payee" ? [] : await payerSideUserIds(tx, agreement)),
    ...(side === "payer" ? [] : [agreement.payeeUserId]),
  ];
  return [...new Set(ids)].filter((id) => id !== exceptId);
}

export function notices(
  userIds: string[],
  type: NotificationType,
  milestone: { title: string; agreement: { id: string; title: string } },
  extra: Record<string, string> = {},
): NewNotification[] {
  return userIds.map((userId) => ({
    userId,
    type,
    params: { milestone: milestone.title, agreement: milestone.agreement.title, ...extra },
    href: `/agreements/${milestone.agreement.id}`,
  }));
}

/** Runs `work` in one transaction (the caller's `unit` when given); its notifications are written inside and delivered after commit. */
export async function inTransaction<T>(
  work: (tx: Tx, notify: Notify) => Promise<T>,
  unit?: Unit,
): Promise<T> {
  return withUnit(
    unit,
    async ({ tx, afterCommit }) => {
      const pending: NewNotification[] = [];
      const value = await work(tx, (items) => pending.push(...items));
      const rows: NotificationRows = await createNotifications(tx, pending);
      afterCommit(() => deliverNotifications(rows));
      return value;
    },
    TX_OPTIONS,
  );
}

export async function lockAgreement(tx: Tx, agreementId: string) {
  await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
}

/**
 * Locks the milestone's agreement, then the milestone, and reads both fresh. A second request
 * racing this one waits here and then sees the first one's result (READ COMMITTED re-reads).
 */
export async function lockMilestone(tx: Tx, milestoneId: string) {
  const found = await tx.milestone.findUnique({ where: { id: milestoneId }, select: { agreementId: true } });
  if (!found) throw new DomainError("escrow.not_found");
  await lockAgreement(tx, found.agreementId);
  await tx.$queryRaw`SELECT id FROM "Milestone" WHERE id = ${milestoneId} FOR UPDATE`;
  return tx.milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: milestoneSelect });
}

export type LockedMilestone = Awaited<ReturnType<typeof lockMilestone>>;

type MilestoneColumns = Omit<Prisma.MilestoneUncheckedUpdateInput, "status">;

/** Moves a locked milestone along its state machine and audits it (`extra`: audit-only facts such as a transfer id). */
export async function moveMilestone(
  tx: Tx,
  milestone: LockedMilestone,
  to: MilestoneStatus,
  columns: MilestoneColumns,
  by: { actorId: string | null; ip?: string | null; extra?: Record<string, unknown> },
) {
  assertTransition(MILESTONE_TRANSITIONS, milestone.status, to, "escrow.invalid_transition");
  await tx.milestone.update({
    where: { id: milestone.id },
    data: { ...columns, status: to },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: by.actorId,
    action: `milestone.${to.toLowerCase()}`,
    subjectType: "Milestone",
    subjectId: milestone.id,
    before: { status: milestone.status },
    // Through JSON so dates become strings and undefined values drop out.
    after: JSON.parse(JSON.stringify({ ...columns, ...by.extra, status: to })) as Prisma.InputJsonValue,
    ip: by.ip ?? null,
  });
}

export async function moveAgreement(
  tx: Tx,
  agreementId: string,
  from: AgreementStatus,
  to: AgreementStatus,
  actorId: string | null,
  why: string,
) {
  assertTransition(AGREEMENT_TRANSITIONS, from, to, "escrow.invalid_transition");
  await tx.agreement.update({
    where: { id: agreementId },
    data: { status: to, ...(to === "COMPLETED" ? { completedAt: new Date() } : {}) },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId,
    action: `agreement.${to.toLowerCase()}`,
    subjectType: "Agreement",
    subjectId: agreementId,
    before: { status: from },
    after: { status: to, why },
  });
}

// Terms are owned by the agreements module; here only the component types matter.
const TermsComponents = z.object({ components: z.array(z.object({ type: z.string() })) });
const ONGOING_COMPONENTS = new Set(["REVENUE_SHARE", "TECH_EQUITY"]);

/**
 * After money reached its end: an ACTIVE agreement whose milestones are all final and whose
 * signed terms carry nothing that goes on (revenue share, equity) is COMPLETED.
 */
export async function completeIfDone(
  tx: Tx,
  agreementId: string,
  status: AgreementStatus,
  actorId: string | null,
) {
  if (status !== "ACTIVE") return status;
  const open = await tx.milestone.count({
    where: { agreementId, status: { notIn: [...FINAL_MILESTONE_STATES] } },
  });
  if (open > 0) return status;
  const signed = await tx.agreementVersion.findFirst({
    where: { agreementId, status: "SIGNED" },
    orderBy: { version: "desc" },
    select: { terms: true },
  });
  const terms = TermsComponents.safeParse(signed?.terms);
  if (!terms.success || terms.data.components.some((c) => ONGOING_COMPONENTS.has(c.type))) return status;
  await moveAgreement(tx, agreementId, "ACTIVE", "COMPLETED", actorId, "milestones_settled");
  return "COMPLETED" as const;
}

export async function escrowBalance(tx: Tx, milestoneId: string) {
  return balanceOf(escrowId(milestoneId), tx);
}

/** Pays the milestone's whole escrow to the payee's wallet (its organisation's when it names one). */
export async function release(
  tx: Tx,
  milestone: LockedMilestone,
  by: { actorId: string | null; ip?: string | null },
  auto: boolean,
) {
  const { actorId } = by;
  const { agreement } = milestone;
  const amountFen = await escrowBalance(tx, milestone.id);
  const to = await ensureWallet(tx, payeeWallet(agreement));
  const { id: transferId } = await transfer(tx, {
    from: escrowId(milestone.id),
    to,
    amountFen,
    reason: "MILESTONE_RELEASE",
    agreementId: agreement.id,
    milestoneId: milestone.id,
    actorId,
  });
  await moveMilestone(
    tx,
    milestone,
    "RELEASED",
    { releasedAt: new Date(), autoReleased: auto, reviewDueAt: null },
    { ...by, extra: { transferId, amountFen } },
  );
  await enqueueEvent(tx, {
    organisationIds: [agreement.payerOrganisationId, agreement.payeeOrganisationId],
    event: "milestone.released",
    payload: {
      milestoneId: milestone.id,
      agreementId: agreement.id,
      title: milestone.title,
      amountFen,
      status: "RELEASED",
      occurredAt: new Date().toISOString(),
    },
  });
  const agreementStatus = await completeIfDone(tx, agreement.id, agreement.status, actorId);
  return { milestoneId: milestone.id, status: "RELEASED", transferId, amountFen, agreementStatus };
}
