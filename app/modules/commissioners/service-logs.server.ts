import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import {
  LOG_DELETE_DAYS,
  LOGS_PER_PAGE,
  MAX_FARMERS_REACHED,
  MAX_LOG_PHOTOS,
  type ServiceLogFields,
} from "./commissioners.schema";
import { beijingToday, DAY_MS } from "./commissioners.rules.server";
import type { RequestMeta } from "~/utils/request.server";

function checkLog(
  assignment: { userId: string; startDate: Date; endDate: Date } | null,
  commissionerId: string,
  fields: ServiceLogFields,
) {
  if (!assignment || assignment.userId !== commissionerId) throw new DomainError("commissioner.forbidden");
  if (
    !Number.isInteger(fields.farmersReached) ||
    fields.farmersReached < 0 ||
    fields.farmersReached > MAX_FARMERS_REACHED
  ) {
    throw new DomainError("commissioner.farmers_range");
  }
  if (fields.date > beijingToday()) throw new DomainError("commissioner.date_in_future");
  if (fields.date < assignment.startDate || fields.date > assignment.endDate)
    throw new DomainError("commissioner.date_outside_assignment");
}

/**
 * Records a day of service on one's own assignment. Photos are stored before the transaction (a
 * photo takes a while to shrink) and removed again when the log is refused or cannot be written.
 */
export async function logService(
  commissioner: Actor,
  fields: ServiceLogFields,
  photos: File[] = [],
  meta: RequestMeta = {},
) {
  const assignmentSelect = { userId: true, startDate: true, endDate: true } as const;
  checkLog(
    await db.commissionerAssignment.findUnique({
      where: { id: fields.assignmentId },
      select: assignmentSelect,
    }),
    commissioner.id,
    fields,
  );

  const photoIds: string[] = [];
  try {
    for (const file of photos.slice(0, MAX_LOG_PHOTOS))
      photoIds.push((await storeImage({ ownerId: commissioner.id, file })).id);
    return await db.$transaction(async (tx) => {
      const log = await tx.serviceLog.create({
        data: { ...fields, photoIds },
        select: { id: true, assignmentId: true, date: true, kind: true, farmersReached: true },
      });
      await recordAudit(tx, {
        actorId: commissioner.id,
        action: "commissioner.service_logged",
        subjectType: "ServiceLog",
        subjectId: log.id,
        after: { ...log, date: log.date.toISOString(), photoIds },
        ip: meta.ip,
      });
      return log;
    });
  } catch (error) {
    await Promise.allSettled(photoIds.map((id) => deleteUpload(id)));
    throw error;
  }
}

/** A commissioner's service logs, newest first, one page of LOGS_PER_PAGE at a time. */
export async function listServiceLogs(userId: string, page = 1) {
  const where = { assignment: { userId } };
  const [logs, total] = await Promise.all([
    db.serviceLog.findMany({
      where,
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      skip: (Math.max(page, 1) - 1) * LOGS_PER_PAGE,
      take: LOGS_PER_PAGE,
      select: {
        id: true,
        date: true,
        countyCode: true,
        place: true,
        kind: true,
        farmersReached: true,
        note: true,
        photoIds: true,
        createdAt: true,
      },
    }),
    db.serviceLog.count({ where }),
  ]);
  const deletableAfter = Date.now() - LOG_DELETE_DAYS * DAY_MS;
  return {
    logs: logs.map((log) => ({ ...log, deletable: log.createdAt.getTime() > deletableAfter })),
    page: Math.max(page, 1),
    pages: Math.max(Math.ceil(total / LOGS_PER_PAGE), 1),
  };
}

/** The commissioner takes back a log written by mistake, within LOG_DELETE_DAYS of writing it. */
export async function deleteServiceLog(actor: Actor, logId: string, meta: RequestMeta = {}) {
  const photoIds = await db.$transaction(async (tx) => {
    const log = await tx.serviceLog.findUnique({
      where: { id: logId },
      select: {
        id: true,
        date: true,
        kind: true,
        farmersReached: true,
        photoIds: true,
        createdAt: true,
        assignment: { select: { userId: true } },
      },
    });
    if (!log) throw new DomainError("commissioner.not_found");
    if (log.assignment.userId !== actor.id) throw new DomainError("commissioner.forbidden");
    if (log.createdAt.getTime() < Date.now() - LOG_DELETE_DAYS * DAY_MS)
      throw new DomainError("commissioner.log_locked");
    await tx.serviceLog.delete({ where: { id: logId }, select: { id: true } });
    const { assignment: _assignment, ...before } = log;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.service_log_deleted",
      subjectType: "ServiceLog",
      subjectId: logId,
      before: { ...before, date: log.date.toISOString(), createdAt: log.createdAt.toISOString() },
      ip: meta.ip,
    });
    return log.photoIds;
  });
  // The photos go once nothing points at them any more.
  await Promise.allSettled(photoIds.map((id) => deleteUpload(id)));
}
