import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { notifyOfficers } from "~/modules/oversight/officer-notices.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { LeaveEndFields } from "./ventures.schema";

/*
 * A 停薪留职 period's end moves: extended, or ended early (an open-ended one gets its end). The
 * commissioner or the bureau changes it with a reason; each change is a history row. The bureau
 * verifies leaves, so a change by the commissioner makes the period wait for the bureau again
 * (the bureau's officers are told), and one by the bureau is verified by it at once (the
 * commissioner is told).
 */

export async function changeLeaveEnd(
  actor: Actor,
  leaveId: string,
  fields: LeaveEndFields,
  meta: RequestMeta = {},
  now = new Date(),
) {
  const byBureau = can(actor, "commissioner.dispatch");
  const notices = await db.$transaction(async (tx) => {
    const found = await tx.commissionerLeave.findUnique({ where: { id: leaveId }, select: { userId: true } });
    if (!found || (found.userId !== actor.id && !byBureau)) throw new DomainError("leave.not_found");
    // The same lock recordLeave takes: a person's periods are checked for overlap one writer at a time.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`commissioner-leave:${found.userId}`}))`;
    const leave = await tx.commissionerLeave.findUniqueOrThrow({
      where: { id: leaveId },
      select: {
        userId: true,
        startDate: true,
        endDate: true,
        employerName: true,
        verifiedAt: true,
        refusedAt: true,
      },
    });
    if (leave.refusedAt) throw new DomainError("leave.already_refused");
    if (fields.endDate < leave.startDate) throw new DomainError("leave.end_before_start");
    if (leave.endDate?.getTime() === fields.endDate.getTime()) throw new DomainError("leave.end_unchanged");
    const overlapping = await tx.commissionerLeave.findFirst({
      where: {
        userId: leave.userId,
        id: { not: leaveId },
        refusedAt: null,
        startDate: { gt: leave.startDate, lte: fields.endDate },
      },
      select: { id: true },
    });
    if (overlapping) throw new DomainError("leave.overlap");
    await tx.commissionerLeave.update({
      where: { id: leaveId },
      data: {
        endDate: fields.endDate,
        verifiedAt: byBureau ? now : null,
        verifiedById: byBureau ? actor.id : null,
      },
      select: { id: true },
    });
    await tx.commissionerLeaveChange.create({
      data: {
        leaveId,
        fromEndDate: leave.endDate,
        toEndDate: fields.endDate,
        reason: fields.reason,
        changedById: actor.id,
        previousVerifiedAt: leave.verifiedAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.leave_end_changed",
      subjectType: "CommissionerLeave",
      subjectId: leaveId,
      before: {
        endDate: leave.endDate?.toISOString() ?? null,
        verifiedAt: leave.verifiedAt?.toISOString() ?? null,
      },
      after: { endDate: fields.endDate.toISOString(), reason: fields.reason, reverified: byBureau },
      ip: meta.ip,
    });
    const params = { employer: leave.employerName, end: fields.endDate.toISOString().slice(0, 10) };
    if (byBureau) {
      if (leave.userId === actor.id) return [];
      return createNotifications(tx, [
        { userId: leave.userId, type: "leave.changed", params, href: `/commissioners/${leave.userId}` },
      ]);
    }
    const person = await tx.user.findUniqueOrThrow({
      where: { id: leave.userId },
      select: { displayName: true },
    });
    return notifyOfficers(
      tx,
      { kind: "bureau" },
      {
        type: "officer.leave_changed",
        params: { ...params, name: person.displayName },
        href: "/bureau/commissioners",
      },
      actor.id,
    );
  });
  await deliverNotifications(notices);
}
