import { db, type Tx } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { withStoredImages } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { LeaveFields } from "./ventures.schema";
import { hasServed } from "./ventures.server";

/*
 * 停薪留职 (plan §4.4): a commissioner on leave from an employer that keeps the post, from a day
 * to a day or open-ended. The commissioner or the bureau records it; the bureau verifies it. A
 * person's periods never overlap (an open one overlaps everything after its start).
 */

/** Records a leave period, with an optional photo of the employer's approval as evidence. */
export async function recordLeave(
  actor: Actor,
  userId: string,
  fields: LeaveFields,
  evidence: File | null = null,
  meta: RequestMeta = {},
): Promise<{ id: string }> {
  if (actor.id !== userId && !can(actor, "commissioner.dispatch")) throw new DomainError("leave.forbidden");
  if (fields.endDate && fields.endDate < fields.startDate) throw new DomainError("leave.end_before_start");
  if (!(await hasServed(userId))) throw new DomainError("leave.not_commissioner");
  const files = evidence && evidence.size > 0 ? [evidence] : [];
  return withStoredImages(actor.id, files, ([evidenceUploadId = null]) =>
    db.$transaction(async (tx) => {
      // One writer of a person's leave at a time, so two overlapping periods cannot both pass the check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`commissioner-leave:${userId}`}))`;
      if (fields.employerOrganisationId) {
        const employer = await tx.organisation.findUnique({
          where: { id: fields.employerOrganisationId },
          select: { id: true },
        });
        if (!employer) throw new DomainError("leave.employer_unknown");
      }
      const overlapping = await tx.commissionerLeave.findFirst({
        where: {
          userId,
          // A refused period is recorded anew with corrected dates: it does not block them.
          refusedAt: null,
          ...(fields.endDate ? { startDate: { lte: fields.endDate } } : {}),
          OR: [{ endDate: null }, { endDate: { gte: fields.startDate } }],
        },
        select: { id: true },
      });
      if (overlapping) throw new DomainError("leave.overlap");
      const leave = await tx.commissionerLeave.create({
        data: {
          userId,
          startDate: fields.startDate,
          endDate: fields.endDate ?? null,
          employerName: fields.employerName,
          employerOrganisationId: fields.employerOrganisationId ?? null,
          evidenceUploadId,
          recordedById: actor.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "commissioner.leave_recorded",
        subjectType: "CommissionerLeave",
        subjectId: leave.id,
        after: {
          userId,
          startDate: fields.startDate.toISOString(),
          endDate: fields.endDate?.toISOString() ?? null,
          employerName: fields.employerName,
          employerOrganisationId: fields.employerOrganisationId ?? null,
          evidenceUploadId,
        },
        ip: meta.ip,
      });
      return leave;
    }),
  );
}

/** The leave locked for the bureau's decision. */
async function leaveToDecide(tx: Tx, actor: Actor, leaveId: string) {
  if (!can(actor, "commissioner.dispatch")) throw new DomainError("leave.forbidden");
  await tx.$queryRaw`SELECT id FROM "CommissionerLeave" WHERE id = ${leaveId} FOR UPDATE`;
  const leave = await tx.commissionerLeave.findUnique({
    where: { id: leaveId },
    select: { id: true, userId: true, employerName: true, verifiedAt: true, refusedAt: true },
  });
  if (!leave) throw new DomainError("leave.not_found");
  return leave;
}

const leaveHref = (userId: string) => `/commissioners/${userId}`;

/** The bureau confirms a leave period; a second tap changes nothing; the commissioner is told. */
export async function verifyLeave(actor: Actor, leaveId: string, meta: RequestMeta = {}, now = new Date()) {
  const notices = await db.$transaction(async (tx) => {
    const leave = await leaveToDecide(tx, actor, leaveId);
    if (leave.refusedAt) throw new DomainError("leave.already_refused");
    if (leave.verifiedAt) return [];
    await tx.commissionerLeave.update({
      where: { id: leaveId },
      data: { verifiedAt: now, verifiedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.leave_verified",
      subjectType: "CommissionerLeave",
      subjectId: leaveId,
      after: { verifiedAt: now.toISOString() },
      ip: meta.ip,
    });
    return createNotifications(tx, [
      {
        userId: leave.userId,
        type: "leave.verified",
        params: { employer: leave.employerName },
        href: leaveHref(leave.userId),
      },
    ]);
  });
  await deliverNotifications(notices);
}

/** The bureau refuses a leave period not yet verified, with the reason the commissioner is sent. */
export async function refuseLeave(
  actor: Actor,
  leaveId: string,
  reason: string,
  meta: RequestMeta = {},
  now = new Date(),
) {
  const notices = await db.$transaction(async (tx) => {
    const leave = await leaveToDecide(tx, actor, leaveId);
    if (leave.verifiedAt) throw new DomainError("leave.already_verified");
    if (leave.refusedAt) return [];
    await tx.commissionerLeave.update({
      where: { id: leaveId },
      data: { refusedAt: now, refusedById: actor.id, refusalReason: reason },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.leave_refused",
      subjectType: "CommissionerLeave",
      subjectId: leaveId,
      after: { refusedAt: now.toISOString(), reason },
      ip: meta.ip,
    });
    return createNotifications(tx, [
      {
        userId: leave.userId,
        type: "leave.refused",
        params: { employer: leave.employerName, reason },
        href: leaveHref(leave.userId),
      },
    ]);
  });
  await deliverNotifications(notices);
}

const leaveSelect = {
  id: true,
  userId: true,
  startDate: true,
  endDate: true,
  employerName: true,
  evidenceUploadId: true,
  verifiedAt: true,
  refusedAt: true,
  refusalReason: true,
  changes: {
    select: { id: true, fromEndDate: true, toEndDate: true, reason: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.CommissionerLeaveSelect;

/** A commissioner's leave periods, latest first. */
export function listLeavesOf(userId: string) {
  return db.commissionerLeave.findMany({
    where: { userId },
    select: leaveSelect,
    orderBy: { startDate: "desc" },
  });
}

/** Every leave period for the bureau page, those waiting for verification first, with names. */
export async function listLeavesForBureau() {
  const leaves = await db.commissionerLeave.findMany({
    select: leaveSelect,
    orderBy: [{ verifiedAt: { sort: "asc", nulls: "first" } }, { startDate: "desc" }],
    take: 200,
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(leaves.map((leave) => leave.userId))] } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return leaves.map((leave) => ({ ...leave, name: names.get(leave.userId) ?? "" }));
}

/** Whether the viewer may see the leave's evidence photo: its commissioner and the bureau. */
export async function leaveEvidenceVisible(viewer: Actor, uploadId: string): Promise<boolean> {
  const leave = await db.commissionerLeave.findFirst({
    where: { evidenceUploadId: uploadId },
    select: { userId: true },
  });
  return Boolean(leave && (leave.userId === viewer.id || can(viewer, "commissioner.dispatch")));
}
