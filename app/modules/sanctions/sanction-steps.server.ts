import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";

// The steps every sanction command shares: the bureau-only check, row locks, and notifications
// delivered once the transaction has committed.

/** Statuses an application only reaches through approval: the ones that may be sanctioned. */
const APPROVED_STATUSES = ["APPROVED", "DISBURSED", "EVALUATED"] as const;

export function assertBureau(actor: Actor): void {
  if (!can(actor, "sanction.apply")) throw new DomainError("sanction.forbidden");
}

/** 停拨 may come from either bureau: the science bureau or the finance bureau (decision 037). */
export function assertMayStopPayments(actor: Actor): void {
  if (!can(actor, "payment.stop")) throw new DomainError("sanction.forbidden");
}

/**
 * Who may end a sanction: a suspension is lifted by the bureau that stopped the money (finance
 * stopped it: finance resumes it; the science bureau stopped it: the science bureau does); a ban
 * by the science bureau. Platform admins pass, as everywhere.
 */
export async function assertMayLift(
  tx: Tx,
  actor: Actor,
  sanction: { kind: string; createdById: string },
): Promise<void> {
  if (sanction.kind !== "SUSPENSION") return assertBureau(actor);
  const stopper = await tx.user.findUnique({
    where: { id: sanction.createdById },
    select: { primaryRole: true },
  });
  const byFinance = stopper?.primaryRole === "FINANCE";
  if (!can(actor, "payment.stop")) throw new DomainError("sanction.forbidden");
  if (!can(actor, byFinance ? "programme.cosign" : "sanction.apply"))
    throw new DomainError("cosign.lift_by_stopper");
}

const lockedSanctionSelect = {
  id: true,
  kind: true,
  organisationId: true,
  userId: true,
  reason: true,
  recoveredFen: true,
  owedFen: true,
  endsAt: true,
  liftedAt: true,
  createdById: true,
  programmeApplicationId: true,
  application: {
    select: { title: true, programmeId: true, organisationId: true, applicantId: true, suspendedAt: true },
  },
} as const satisfies Prisma.SanctionSelect;

/** Locks the application so two sanctions on it are decided one after the other. */
export async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
  const application = await tx.programmeApplication.findUnique({
    where: { id: applicationId },
    select: {
      title: true,
      status: true,
      organisationId: true,
      applicantId: true,
      programmeId: true,
      disbursedFen: true,
      suspendedAt: true,
    },
  });
  if (!application) throw new DomainError("sanction.application_not_found");
  if (!(APPROVED_STATUSES as readonly string[]).includes(application.status))
    throw new DomainError("sanction.not_approved");
  return application;
}

export async function lockSanction(tx: Tx, sanctionId: string) {
  await tx.$queryRaw`SELECT id FROM "Sanction" WHERE id = ${sanctionId} FOR UPDATE`;
  const sanction = await tx.sanction.findUnique({ where: { id: sanctionId }, select: lockedSanctionSelect });
  if (!sanction) throw new DomainError("sanction.not_found");
  return sanction;
}

/** Everyone to tell: the members of the organisation and the person, once each. */
export async function notifyAll(
  tx: Tx,
  subject: { organisationId?: string | null; userId?: string | null },
  item: Omit<NewNotification, "userId">,
) {
  const members = subject.organisationId
    ? await tx.membership.findMany({
        where: { organisationId: subject.organisationId },
        select: { userId: true },
      })
    : [];
  const userIds = new Set([...members.map((m) => m.userId), ...(subject.userId ? [subject.userId] : [])]);
  return createNotifications(
    tx,
    [...userIds].map((userId) => ({ userId, ...item })),
  );
}

export async function commitAndDeliver<T>(
  work: (tx: Tx) => Promise<{ result: T; rows: Awaited<ReturnType<typeof createNotifications>> }>,
): Promise<T> {
  const { result, rows } = await db.$transaction(work);
  await deliverNotifications(rows);
  return result;
}
