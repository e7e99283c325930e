import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { AudienceGroup, TraineeOutcome } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { managesSpace } from "~/modules/spaces/spaces.queries.server";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { BaseFields, CourseFields } from "./bases.schema";

/** Members of the space (SPACE role in it) run its bases. */
export function mayRunSpace(actor: Actor | null | undefined, organisationId: string): boolean {
  return managesSpace(actor, organisationId) && can(actor, "space.manageServices", { organisationId });
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export async function createBase(
  actor: Actor,
  organisationId: string,
  fields: BaseFields,
  meta: RequestMeta = {},
) {
  if (!mayRunSpace(actor, organisationId)) throw new DomainError("base.forbidden");
  try {
    return await db.$transaction(async (tx) => {
      const base = await tx.trainingBase.create({
        data: { ...fields, facilities: fields.facilities ?? "", organisationId, createdById: actor.id },
        select: { id: true, name: true, place: true, countyCode: true, capacity: true, facilities: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "base.created",
        subjectType: "TrainingBase",
        subjectId: base.id,
        after: { ...base, organisationId },
        ip: meta.ip,
      });
      return base;
    });
  } catch (error) {
    // A second submit of the same form finds the base it created: one per name in a space.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("base.duplicate");
    throw error;
  }
}

export async function createCourse(
  actor: Actor,
  organisationId: string,
  fields: CourseFields,
  meta: RequestMeta = {},
) {
  if (!mayRunSpace(actor, organisationId)) throw new DomainError("base.forbidden");
  return db.$transaction(async (tx) => {
    const base = await tx.trainingBase.findUnique({
      where: { id: fields.baseId },
      select: { id: true, organisationId: true, capacity: true },
    });
    if (!base || base.organisationId !== organisationId) throw new DomainError("base.not_found");
    if (fields.seats > base.capacity)
      throw new DomainError("base.seats_over_capacity", { capacity: base.capacity });
    const course = await tx.baseCourse.create({
      data: {
        baseId: base.id,
        title: fields.title,
        description: fields.description ?? "",
        startsOn: asDate(fields.startsOn),
        endsOn: asDate(fields.endsOn),
        seats: fields.seats,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.course_created",
      subjectType: "BaseCourse",
      subjectId: course.id,
      after: { ...fields, baseId: base.id },
      ip: meta.ip,
    });
    return course;
  });
}

/**
 * A person enrols on a course. The course row is locked, so two enrolments for the last seat take
 * turns and the second finds it taken; enrolling twice (a double tap, a retry) keeps one row.
 */
export async function enrolOnCourse(
  actor: Actor,
  courseId: string,
  group: AudienceGroup,
  meta: RequestMeta = {},
) {
  if (!can(actor, "service.request")) throw new DomainError("base.forbidden");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "BaseCourse" WHERE id = ${courseId} FOR UPDATE`;
    const course = await tx.baseCourse.findUnique({
      where: { id: courseId },
      select: {
        id: true,
        seats: true,
        endsOn: true,
        cancelledAt: true,
        base: { select: { organisationId: true } },
      },
    });
    if (!course) throw new DomainError("base.not_found");
    if (managesSpace(actor, course.base.organisationId)) throw new DomainError("base.own_course");
    if (course.cancelledAt || dayOf(course.endsOn) < luoyangToday())
      throw new DomainError("base.course_closed");
    const key = { courseId_userId: { courseId, userId: actor.id } };
    const existing = await tx.baseTrainee.findUnique({ where: key, select: { withdrawnAt: true } });
    if (existing && !existing.withdrawnAt) return { enrolled: false };
    const taken = await tx.baseTrainee.count({ where: { courseId, withdrawnAt: null } });
    if (taken >= course.seats) throw new DomainError("base.course_full");
    await tx.baseTrainee.upsert({
      where: key,
      create: { courseId, userId: actor.id, group },
      update: { group, withdrawnAt: null, enrolledAt: new Date() },
      select: { courseId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.enrolled",
      subjectType: "BaseCourse",
      subjectId: courseId,
      after: { userId: actor.id, group },
      ip: meta.ip,
    });
    return { enrolled: true };
  });
}

export async function withdrawFromCourse(actor: Actor, courseId: string, meta: RequestMeta = {}) {
  return db.$transaction(async (tx) => {
    const key = { courseId_userId: { courseId, userId: actor.id } };
    const row = await tx.baseTrainee.findUnique({
      where: key,
      select: { withdrawnAt: true, completedAt: true },
    });
    if (!row || row.withdrawnAt) throw new DomainError("base.not_enrolled");
    if (row.completedAt) throw new DomainError("base.already_completed");
    await tx.baseTrainee.update({
      where: key,
      data: { withdrawnAt: new Date() },
      select: { courseId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.withdrawn",
      subjectType: "BaseCourse",
      subjectId: courseId,
      after: { userId: actor.id },
      ip: meta.ip,
    });
  });
}

/** The space records that a trainee finished, and what came of it (started a business …). */
export async function completeTrainee(
  actor: Actor,
  courseId: string,
  userId: string,
  outcome: TraineeOutcome,
  outcomeNote: string,
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    const course = await tx.baseCourse.findUnique({
      where: { id: courseId },
      select: { base: { select: { organisationId: true } } },
    });
    if (!course) throw new DomainError("base.not_found");
    if (!mayRunSpace(actor, course.base.organisationId)) throw new DomainError("base.forbidden");
    const key = { courseId_userId: { courseId, userId } };
    const row = await tx.baseTrainee.findUnique({
      where: key,
      select: { withdrawnAt: true, completedAt: true, outcome: true },
    });
    if (!row || row.withdrawnAt) throw new DomainError("base.not_enrolled");
    await tx.baseTrainee.update({
      where: key,
      data: { completedAt: row.completedAt ?? new Date(), outcome, outcomeNote },
      select: { courseId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.trainee_completed",
      subjectType: "BaseCourse",
      subjectId: courseId,
      before: { userId, outcome: row.outcome },
      after: { userId, outcome, outcomeNote },
      ip: meta.ip,
    });
  });
}

/** A space's bases with their courses (newest first) and seats taken; the space's members also run them. */
export async function getSpaceBases(viewer: Actor | null, organisationId: string) {
  const space = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, nameEn: true, type: true, countyCode: true },
  });
  if (!space || space.type !== "STAR_SPACE") throw new DomainError("base.not_found");
  const bases = await db.trainingBase.findMany({
    where: { organisationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      place: true,
      countyCode: true,
      capacity: true,
      facilities: true,
      courses: {
        orderBy: { startsOn: "desc" },
        select: {
          id: true,
          title: true,
          startsOn: true,
          endsOn: true,
          seats: true,
          cancelledAt: true,
          _count: { select: { trainees: { where: { withdrawnAt: null } } } },
        },
      },
    },
  });
  return {
    space,
    bases: bases.map((base) => ({
      ...base,
      courses: base.courses.map(({ _count, startsOn, endsOn, ...course }) => ({
        ...course,
        startsOn: dayOf(startsOn),
        endsOn: dayOf(endsOn),
        taken: _count.trainees,
      })),
    })),
    canRun: mayRunSpace(viewer, organisationId),
  };
}

/** The columns of a course every reader of one needs: its page, its edit form, a change to it. */
export const COURSE_FIELDS = {
  id: true,
  title: true,
  description: true,
  startsOn: true,
  endsOn: true,
  seats: true,
  cancelledAt: true,
} as const;

/** One course: what anyone sees, the viewer's own enrolment, and the trainee list for the space. */
export async function getCourse(viewer: Actor | null, courseId: string) {
  const course = await db.baseCourse.findUnique({
    where: { id: courseId },
    select: {
      ...COURSE_FIELDS,
      cancelReason: true,
      base: {
        select: {
          id: true,
          name: true,
          place: true,
          facilities: true,
          organisationId: true,
          countyCode: true,
        },
      },
      trainees: {
        where: { withdrawnAt: null },
        orderBy: { enrolledAt: "asc" },
        select: { userId: true, group: true, completedAt: true, outcome: true, outcomeNote: true },
      },
    },
  });
  if (!course) throw new DomainError("base.not_found");
  const space = await db.organisation.findUniqueOrThrow({
    where: { id: course.base.organisationId },
    select: { id: true, name: true, nameEn: true },
  });
  const canRun = mayRunSpace(viewer, course.base.organisationId);
  const mine = viewer ? (course.trainees.find((trainee) => trainee.userId === viewer.id) ?? null) : null;
  const names = canRun
    ? await db.user.findMany({
        where: { id: { in: course.trainees.map((trainee) => trainee.userId) } },
        select: { id: true, displayName: true },
      })
    : [];
  const nameOf = new Map(names.map((user) => [user.id, user.displayName]));
  const { trainees, startsOn, endsOn, ...rest } = course;
  const open = !course.cancelledAt && dayOf(endsOn) >= luoyangToday();
  return {
    course: { ...rest, startsOn: dayOf(startsOn), endsOn: dayOf(endsOn), taken: trainees.length },
    space,
    open,
    canRun,
    canEnrol: open && can(viewer, "service.request") && !managesSpace(viewer, course.base.organisationId),
    mine,
    // Only the space sees who enrolled; everyone else sees the count.
    trainees: canRun
      ? trainees.map((trainee) => ({ ...trainee, name: nameOf.get(trainee.userId) ?? "" }))
      : [],
  };
}
