import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { CohortFields, DispatchFields } from "./commissioners.schema";
import { beijingToday, DAY_MS } from "./commissioners.rules.server";
import type { RequestMeta } from "~/utils/request.server";

function requireBureau(actor: Actor) {
  if (!can(actor, "commissioner.dispatch")) throw new DomainError("commissioner.forbidden");
}

export async function createCohort(
  actor: Actor,
  input: Omit<CohortFields, "kind"> & { kind?: CohortFields["kind"] },
  meta: RequestMeta = {},
) {
  requireBureau(actor);
  const fields = { ...input, kind: input.kind ?? "STANDARD" };
  return db.$transaction(async (tx) => {
    const existing = await tx.commissionerCohort.findUnique({
      where: { year_kind: { year: fields.year, kind: fields.kind } },
      select: { id: true },
    });
    if (existing) throw new DomainError("commissioner.cohort_exists");
    const cohort = await tx.commissionerCohort.create({
      data: { ...fields, createdById: actor.id },
      select: { id: true, year: true, kind: true, name: true, targetCount: true },
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
    orderBy: [{ year: "desc" }, { kind: "asc" }],
    select: {
      id: true,
      year: true,
      kind: true,
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
      cohort: { select: { year: true, kind: true, name: true } },
    },
  });
}

// Service logs, trainings and the yearly report live in their own files; routes import them from here.
export { logService, listServiceLogs, deleteServiceLog } from "./service-logs.server";
export { createTraining, signUp, cancelSignup, cancelTraining, markAttendance } from "./trainings.server";
export { listUpcomingTrainings, getTraining } from "./trainings.queries.server";
export { commissionerReport, type CommissionerReport } from "./commissioner-report.server";
