import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import type { Actor } from "~/modules/users/permissions";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { COURSE_FIELDS, mayRunSpace } from "./bases.server";
import type { CourseEditFields } from "./bases.schema";

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The course row locked for a change by its space. Enrolments lock the same row, so the seats
 * counted here cannot grow before the change commits, and a cancel and an enrolment take turns.
 */
async function lockCourseForSpace(tx: Tx, actor: Actor, courseId: string) {
  await tx.$queryRaw`SELECT id FROM "BaseCourse" WHERE id = ${courseId} FOR UPDATE`;
  const course = await tx.baseCourse.findUnique({
    where: { id: courseId },
    select: {
      ...COURSE_FIELDS,
      base: { select: { organisationId: true, capacity: true } },
      trainees: { where: { withdrawnAt: null }, select: { userId: true } },
    },
  });
  if (!course) throw new DomainError("base.not_found");
  if (!mayRunSpace(actor, course.base.organisationId)) throw new DomainError("base.forbidden");
  if (course.cancelledAt) throw new DomainError("base.course_cancelled");
  return course;
}

/** The course as its edit form starts: for the space's accounts only (404 for a course not there). */
export async function getCourseForEdit(actor: Actor, courseId: string) {
  const course = await db.baseCourse.findUnique({
    where: { id: courseId },
    select: {
      ...COURSE_FIELDS,
      cancelReason: true,
      base: { select: { name: true, organisationId: true, capacity: true } },
      _count: { select: { trainees: { where: { withdrawnAt: null } } } },
    },
  });
  if (!course) throw new DomainError("base.not_found");
  if (!mayRunSpace(actor, course.base.organisationId)) throw new DomainError("base.forbidden");
  const { _count, startsOn, endsOn, ...rest } = course;
  return {
    ...rest,
    startsOn: dayOf(startsOn),
    endsOn: dayOf(endsOn),
    taken: _count.trainees,
    over: dayOf(endsOn) < luoyangToday(),
  };
}

/**
 * The space changes a course's title, description, dates or seats. Seats stay within the base's
 * capacity and never fall below the people enrolled; the enrolled are told when the title or the
 * dates change.
 */
export async function editCourse(
  actor: Actor,
  courseId: string,
  fields: CourseEditFields,
  meta: RequestMeta = {},
) {
  const rows = await db.$transaction(async (tx) => {
    const course = await lockCourseForSpace(tx, actor, courseId);
    if (fields.seats > course.base.capacity)
      throw new DomainError("base.seats_over_capacity", { capacity: course.base.capacity });
    const taken = course.trainees.length;
    if (fields.seats < taken) throw new DomainError("base.seats_below_enrolled", { taken });
    const after = {
      title: fields.title,
      description: fields.description ?? "",
      startsOn: fields.startsOn,
      endsOn: fields.endsOn,
      seats: fields.seats,
    };
    const before = {
      title: course.title,
      description: course.description,
      startsOn: dayOf(course.startsOn),
      endsOn: dayOf(course.endsOn),
      seats: course.seats,
    };
    await tx.baseCourse.update({
      where: { id: courseId },
      data: { ...after, startsOn: asDate(after.startsOn), endsOn: asDate(after.endsOn) },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.course_edited",
      subjectType: "BaseCourse",
      subjectId: courseId,
      before,
      after,
      ip: meta.ip,
    });
    const told =
      before.title !== after.title || before.startsOn !== after.startsOn || before.endsOn !== after.endsOn;
    if (!told) return [];
    return createNotifications(
      tx,
      course.trainees.map(({ userId }) => ({
        userId,
        type: "course.changed" as const,
        params: { course: after.title, start: after.startsOn, end: after.endsOn },
        href: `/bases/courses/${courseId}`,
      })),
    );
  });
  await deliverNotifications(rows);
}

/**
 * The space cancels a course that has not ended, with a reason the enrolled trainees are sent.
 * A cancelled course takes no enrolments (enrolOnCourse refuses it) and cannot be changed again.
 */
export async function cancelCourse(actor: Actor, courseId: string, reason: string, meta: RequestMeta = {}) {
  const rows = await db.$transaction(async (tx) => {
    const course = await lockCourseForSpace(tx, actor, courseId);
    if (dayOf(course.endsOn) < luoyangToday()) throw new DomainError("base.course_over");
    await tx.baseCourse.update({
      where: { id: courseId },
      data: { cancelledAt: new Date(), cancelReason: reason, cancelledById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "base.course_cancelled",
      subjectType: "BaseCourse",
      subjectId: courseId,
      after: { reason, trainees: course.trainees.length },
      ip: meta.ip,
    });
    return createNotifications(
      tx,
      course.trainees.map(({ userId }) => ({
        userId,
        type: "course.cancelled" as const,
        params: { course: course.title, reason },
        href: `/bases/courses/${courseId}`,
      })),
    );
  });
  await deliverNotifications(rows);
}
