import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import type { TrainingFields } from "./commissioners.schema";
import { isCommissioner } from "./commissioners.rules.server";
import { TRAINING_TRANSITIONS } from "./commissioners.states";
import type { RequestMeta } from "~/utils/request.server";

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
    assertTransition(TRAINING_TRANSITIONS, training.status, "CANCELLED", "commissioner.training_closed");
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
    assertTransition(TRAINING_TRANSITIONS, training.status, "HELD", "commissioner.training_closed");
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
