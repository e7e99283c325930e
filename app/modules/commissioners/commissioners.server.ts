import { db, type Tx } from "~/db.server";
import type { ServiceLogKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import {
  LOG_DELETE_DAYS,
  LOGS_PER_PAGE,
  MAX_FARMERS_REACHED,
  MAX_LOG_PHOTOS,
  SERVICE_LOG_KINDS,
  type CohortFields,
  type DispatchFields,
  type ServiceLogFields,
  type TrainingFields,
} from "./commissioners.schema";
import { luoyangToday, startOfLuoyangDay } from "~/utils/dates";

export interface RequestMeta {
  ip?: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Today's date in Luoyang as UTC midnight, the form in which date inputs are stored. */
function beijingToday(now = new Date()): Date {
  return new Date(`${luoyangToday(now)}T00:00:00Z`);
}

function requireBureau(actor: Actor) {
  if (!can(actor, "commissioner.dispatch")) throw new DomainError("commissioner.forbidden");
}

export async function createCohort(actor: Actor, fields: CohortFields, meta: RequestMeta = {}) {
  requireBureau(actor);
  return db.$transaction(async (tx) => {
    const existing = await tx.commissionerCohort.findUnique({
      where: { year: fields.year },
      select: { id: true },
    });
    if (existing) throw new DomainError("commissioner.cohort_exists");
    const cohort = await tx.commissionerCohort.create({
      data: { ...fields, createdById: actor.id },
      select: { id: true, year: true, name: true, targetCount: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.cohort_created",
      subjectType: "CommissionerCohort",
      subjectId: cohort.id,
      after: cohort,
      ip: meta.ip,
    });
    return cohort;
  });
}

/** Sends a verified expert to a county for a cohort; the expert becomes a commissioner. */
export async function dispatch(actor: Actor, fields: DispatchFields, meta: RequestMeta = {}) {
  requireBureau(actor);
  if (fields.endDate < fields.startDate) throw new DomainError("commissioner.end_before_start");
  const { assignment, rows } = await db.$transaction(async (tx) => {
    const cohort = await tx.commissionerCohort.findUnique({
      where: { id: fields.cohortId },
      select: { id: true, name: true },
    });
    if (!cohort) throw new DomainError("commissioner.not_found");
    const expert = await tx.user.findUnique({
      where: { id: fields.userId },
      select: { primaryRole: true, verifiedAt: true },
    });
    if (expert?.primaryRole !== "EXPERT" || !expert.verifiedAt)
      throw new DomainError("commissioner.not_verified_expert");
    const already = await tx.commissionerAssignment.findUnique({
      where: { cohortId_userId: { cohortId: fields.cohortId, userId: fields.userId } },
      select: { id: true },
    });
    if (already) throw new DomainError("commissioner.already_dispatched");
    const assignment = await tx.commissionerAssignment.create({
      data: { ...fields, createdById: actor.id },
      select: {
        id: true,
        cohortId: true,
        userId: true,
        countyCode: true,
        villages: true,
        startDate: true,
        endDate: true,
      },
    });
    await tx.expertProfile.upsert({
      where: { userId: fields.userId },
      create: { userId: fields.userId, isCommissioner: true },
      update: { isCommissioner: true },
      select: { userId: true },
    });
    await markForIndexing(tx, "experts", fields.userId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commissioner.dispatched",
      subjectType: "CommissionerAssignment",
      subjectId: assignment.id,
      after: {
        ...assignment,
        startDate: assignment.startDate.toISOString(),
        endDate: assignment.endDate.toISOString(),
      },
      ip: meta.ip,
    });
    const rows = await createNotifications(tx, [
      {
        userId: fields.userId,
        type: "commissioner.dispatched",
        params: { cohort: cohort.name },
        href: `/commissioners/${fields.userId}`,
      },
    ]);
    return { assignment, rows };
  });
  await deliverNotifications(rows);
  return assignment;
}

/** Cohorts, newest year first, with who was dispatched where. */
export async function listCohorts() {
  return db.commissionerCohort.findMany({
    orderBy: { year: "desc" },
    select: {
      id: true,
      year: true,
      name: true,
      targetCount: true,
      assignments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, userId: true, countyCode: true, villages: true, startDate: true, endDate: true },
      },
    },
  });
}

/** Verified experts the bureau may dispatch, for the dispatch form. */
export async function listDispatchableExperts() {
  return db.user.findMany({
    where: { primaryRole: "EXPERT", verifiedAt: { not: null } },
    orderBy: { displayName: "asc" },
    take: 500,
    select: { id: true, displayName: true },
  });
}

/** The commissioner's assignments that are running today, for the service-log form. */
export async function listCurrentAssignments(userId: string) {
  const today = beijingToday();
  return db.commissionerAssignment.findMany({
    where: { userId, startDate: { lte: today }, endDate: { gte: new Date(today.getTime() - 30 * DAY_MS) } },
    orderBy: { startDate: "desc" },
    select: {
      id: true,
      countyCode: true,
      startDate: true,
      endDate: true,
      cohort: { select: { year: true, name: true } },
    },
  });
}

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

async function isCommissioner(tx: Tx | typeof db, userId: string): Promise<boolean> {
  const profile = await tx.expertProfile.findUnique({ where: { userId }, select: { isCommissioner: true } });
  return Boolean(profile?.isCommissioner);
}

export async function createTraining(host: Actor, fields: TrainingFields, meta: RequestMeta = {}) {
  if (!(await isCommissioner(db, host.id))) throw new DomainError("commissioner.not_commissioner");
  if (fields.startsAt <= new Date()) throw new DomainError("commissioner.starts_in_past");
  if (!Number.isInteger(fields.capacity) || fields.capacity < 1)
    throw new DomainError("commissioner.capacity");
  return db.$transaction(async (tx) => {
    const training = await tx.training.create({
      data: { ...fields, hostId: host.id },
      select: { id: true, title: true, startsAt: true, capacity: true, countyCode: true, place: true },
    });
    await recordAudit(tx, {
      actorId: host.id,
      action: "training.created",
      subjectType: "Training",
      subjectId: training.id,
      after: { ...training, startsAt: training.startsAt.toISOString() },
      ip: meta.ip,
    });
    return training;
  });
}

// Many people sign up at once when a training is announced; the wait for a connection is longer
// than Prisma's default so they queue instead of failing.
const SIGNUP_TX = { maxWait: 15_000, timeout: 15_000 };

/** Takes a place. The training row is locked, so parallel sign-ups are counted one at a time. */
export async function signUp(user: Actor, trainingId: string) {
  const rows = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Training" WHERE id = ${trainingId} FOR UPDATE`;
    const training = await tx.training.findUnique({
      where: { id: trainingId },
      select: {
        hostId: true,
        title: true,
        status: true,
        startsAt: true,
        capacity: true,
        _count: { select: { signups: true } },
      },
    });
    if (!training) throw new DomainError("commissioner.not_found");
    if (training.status !== "OPEN" || training.startsAt <= new Date() || training.hostId === user.id) {
      throw new DomainError("commissioner.training_closed");
    }
    const mine = await tx.trainingSignup.findUnique({
      where: { trainingId_userId: { trainingId, userId: user.id } },
      select: { userId: true },
    });
    if (mine) throw new DomainError("commissioner.already_signed_up");
    if (training._count.signups >= training.capacity) throw new DomainError("commissioner.training_full");
    await tx.trainingSignup.create({ data: { trainingId, userId: user.id }, select: { userId: true } });
    return notifyHost(tx, "training.signed_up", { id: trainingId, ...training }, user.id);
  }, SIGNUP_TX);
  await deliverNotifications(rows);
}

/** Tells the host who signed up or stepped back. */
async function notifyHost(
  tx: Tx,
  type: "training.signed_up" | "training.signup_cancelled",
  training: { id: string; hostId: string; title: string },
  userId: string,
) {
  const person = await tx.user.findUnique({ where: { id: userId }, select: { displayName: true } });
  return createNotifications(tx, [
    {
      userId: training.hostId,
      type,
      params: { user: person?.displayName ?? "", training: training.title },
      href: `/trainings/${training.id}`,
    },
  ]);
}

export async function cancelSignup(user: Actor, trainingId: string) {
  const rows = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Training" WHERE id = ${trainingId} FOR UPDATE`;
    const training = await tx.training.findUnique({
      where: { id: trainingId },
      select: { hostId: true, title: true, status: true, startsAt: true },
    });
    if (!training) throw new DomainError("commissioner.not_found");
    if (training.status !== "OPEN" || training.startsAt <= new Date())
      throw new DomainError("commissioner.training_closed");
    const removed = await tx.trainingSignup.deleteMany({ where: { trainingId, userId: user.id } });
    if (removed.count === 0) throw new DomainError("commissioner.not_signed_up");
    return notifyHost(tx, "training.signup_cancelled", { id: trainingId, ...training }, user.id);
  }, SIGNUP_TX);
  await deliverNotifications(rows);
}

/**
 * The host or the bureau calls off an open training; everyone signed up is told why. The reason
 * lives in the audit log and the notifications (the training row has no column for it).
 */
export async function cancelTraining(
  actor: Actor,
  trainingId: string,
  reason: string,
  meta: RequestMeta = {},
) {
  if (reason.trim().length < 2) throw new DomainError("commissioner.reason_required");
  const rows = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Training" WHERE id = ${trainingId} FOR UPDATE`;
    const training = await tx.training.findUnique({
      where: { id: trainingId },
      select: { hostId: true, title: true, status: true, signups: { select: { userId: true } } },
    });
    if (!training) throw new DomainError("commissioner.not_found");
    if (training.hostId !== actor.id && !can(actor, "commissioner.dispatch"))
      throw new DomainError("commissioner.forbidden");
    if (training.status !== "OPEN") throw new DomainError("commissioner.training_closed");
    await tx.training.update({
      where: { id: trainingId },
      data: { status: "CANCELLED" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "training.cancelled",
      subjectType: "Training",
      subjectId: trainingId,
      before: { status: "OPEN" },
      after: { status: "CANCELLED", reason },
      ip: meta.ip,
    });
    return createNotifications(
      tx,
      training.signups.map((signup) => ({
        userId: signup.userId,
        type: "training.cancelled" as const,
        params: { training: training.title, reason },
        href: `/trainings/${trainingId}`,
      })),
    );
  });
  await deliverNotifications(rows);
}

/** The host records who came (everyone else signed up did not); the training counts as held. */
export async function markAttendance(
  host: Actor,
  trainingId: string,
  userIds: string[],
  meta: RequestMeta = {},
) {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Training" WHERE id = ${trainingId} FOR UPDATE`;
    const training = await tx.training.findUnique({
      where: { id: trainingId },
      select: { hostId: true, status: true, startsAt: true },
    });
    if (!training) throw new DomainError("commissioner.not_found");
    if (training.hostId !== host.id) throw new DomainError("commissioner.forbidden");
    if (training.status === "CANCELLED") throw new DomainError("commissioner.training_closed");
    if (training.startsAt > new Date()) throw new DomainError("commissioner.not_started");
    await tx.trainingSignup.updateMany({
      where: { trainingId, userId: { in: userIds } },
      data: { attended: true },
    });
    await tx.trainingSignup.updateMany({
      where: { trainingId, userId: { notIn: userIds } },
      data: { attended: false },
    });
    await tx.training.update({ where: { id: trainingId }, data: { status: "HELD" }, select: { id: true } });
    await recordAudit(tx, {
      actorId: host.id,
      action: "training.attendance",
      subjectType: "Training",
      subjectId: trainingId,
      after: { attended: userIds },
      ip: meta.ip,
    });
  });
}

const trainingCardSelect = {
  id: true,
  title: true,
  countyCode: true,
  place: true,
  startsAt: true,
  capacity: true,
  status: true,
  hostId: true,
  _count: { select: { signups: true } },
} as const;

/** Open trainings that have not started, soonest first, with whether the viewer signed up. */
export async function listUpcomingTrainings(viewerId: string) {
  const trainings = await db.training.findMany({
    // Cancelled ones stay listed (marked) until their date, so people who planned to come see it.
    where: { status: { in: ["OPEN", "CANCELLED"] }, startsAt: { gt: new Date() } },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: { ...trainingCardSelect, signups: { where: { userId: viewerId }, select: { userId: true } } },
  });
  const hosts = await hostNames(trainings.map((training) => training.hostId));
  return trainings.map(({ signups, _count, ...training }) => ({
    ...training,
    hostName: hosts.get(training.hostId) ?? "",
    signupCount: _count.signups,
    signedUp: signups.length > 0,
  }));
}

async function hostNames(ids: string[]) {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, displayName: true },
  });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

/** One training; the list of who signed up is for its host only. */
export async function getTraining(trainingId: string, viewerId: string) {
  const training = await db.training.findUnique({
    where: { id: trainingId },
    select: {
      ...trainingCardSelect,
      description: true,
      signups: { orderBy: { createdAt: "asc" }, select: { userId: true, attended: true } },
    },
  });
  if (!training) throw new DomainError("commissioner.not_found");
  const { signups, _count, ...rest } = training;
  const isHost = training.hostId === viewerId;
  const names = await hostNames([training.hostId, ...(isHost ? signups.map((signup) => signup.userId) : [])]);
  return {
    ...rest,
    hostName: names.get(training.hostId) ?? "",
    signupCount: _count.signups,
    signedUp: signups.some((signup) => signup.userId === viewerId),
    isHost,
    signups: isHost
      ? signups.map((signup) => ({ ...signup, displayName: names.get(signup.userId) ?? "" }))
      : [],
  };
}

/** A commissioner's work, for one year (by cohort year and training date) or for all years. */
export async function commissionerReport(userId: string, year?: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      verifiedAt: true,
      expertProfile: { select: { isCommissioner: true } },
    },
  });
  if (!user) throw new DomainError("commissioner.not_found");
  const assignments = await db.commissionerAssignment.findMany({
    where: { userId, ...(year ? { cohort: { year } } : {}) },
    orderBy: { startDate: "desc" },
    select: {
      id: true,
      countyCode: true,
      villages: true,
      startDate: true,
      endDate: true,
      cohort: { select: { year: true, name: true } },
    },
  });
  const assignmentIds = assignments.map((assignment) => assignment.id);
  const byKind = await db.serviceLog.groupBy({
    by: ["kind"],
    where: { assignmentId: { in: assignmentIds } },
    _count: { _all: true },
    _sum: { farmersReached: true },
  });
  const farmersByKind = Object.fromEntries(SERVICE_LOG_KINDS.map((kind) => [kind, 0])) as Record<
    ServiceLogKind,
    number
  >;
  let logCount = 0;
  for (const row of byKind) {
    farmersByKind[row.kind] = row._sum.farmersReached ?? 0;
    logCount += row._count._all;
  }
  const trainingWhere = {
    hostId: userId,
    ...(year
      ? { startsAt: { gte: startOfLuoyangDay(`${year}-01-01`), lt: startOfLuoyangDay(`${year + 1}-01-01`) } }
      : {}),
  };
  const [trainingsHeld, signups, attended] = await Promise.all([
    db.training.count({ where: { ...trainingWhere, status: "HELD" } }),
    db.trainingSignup.count({ where: { training: trainingWhere } }),
    db.trainingSignup.count({ where: { training: trainingWhere, attended: true } }),
  ]);
  return {
    user: {
      id: user.id,
      displayName: user.displayName,
      verified: Boolean(user.verifiedAt),
      isCommissioner: Boolean(user.expertProfile?.isCommissioner),
    },
    year: year ?? null,
    assignments,
    logCount,
    farmersByKind,
    farmersTotal: Object.values(farmersByKind).reduce((sum, count) => sum + count, 0),
    trainingsHeld,
    signups,
    attended,
  };
}
export type CommissionerReport = Awaited<ReturnType<typeof commissionerReport>>;

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
