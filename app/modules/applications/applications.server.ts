import { db, withUnit, type Tx, type Unit } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { translate } from "~/i18n/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { recordStatusChange } from "~/modules/audit/status-change.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import { NEED_TRANSITIONS } from "~/modules/needs/needs.states";
import {
  assertMayApplyByInvitation,
  assertNoPendingRevision,
  markInvitationsApplied,
} from "~/modules/negotiation/apply-rules.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { can, type Actor } from "~/modules/users/permissions";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import type { ApplyInput } from "./applications.schema";
import { APPLICATION_TRANSITIONS } from "./applications.states";

const lockedNeedSelect = {
  id: true,
  title: true,
  status: true,
  hiddenAt: true,
  arrangements: true,
  organisationId: true,
  postedById: true,
  invitationOnly: true,
} as const satisfies Prisma.NeedSelect;

/** Serialises every decision on one need: two accepts racing see each other's result. */
async function lockNeed(tx: Tx, needId: string) {
  await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${needId} FOR UPDATE`;
  const need = await tx.need.findUnique({ where: { id: needId }, select: lockedNeedSelect });
  if (!need) throw new DomainError("need.not_found");
  return need;
}

export async function applyToNeed(input: {
  actor: Actor;
  needId: string;
  application: ApplyInput;
  meta: RequestMeta;
  unit?: Unit;
}) {
  const { actor } = input;
  if (!can(actor, "application.submit")) throw new DomainError("application.forbidden");
  const expert = await db.user.findUnique({
    where: { id: actor.id },
    select: { displayName: true, verifiedAt: true },
  });
  if (!expert?.verifiedAt) throw new DomainError("application.not_verified");
  try {
    return await withUnit(input.unit, async ({ tx, afterCommit }) => {
      const need = await lockNeed(tx, input.needId);
      if (need.status !== "OPEN" || need.hiddenAt) throw new DomainError("application.need_not_open");
      if (canManageNeed(actor, need)) throw new DomainError("application.own_need");
      if (!need.arrangements.includes(input.application.arrangement))
        throw new DomainError("application.arrangement_not_accepted");
      await assertNotBanned(
        { userId: actor.id, organisationIds: actor.memberships.map((m) => m.organisationId) },
        new Date(),
        tx,
      );
      await assertMayApplyByInvitation(tx, need, actor.id);
      const application = await tx.application.create({
        data: {
          needId: need.id,
          expertId: actor.id,
          approach: input.application.approach,
          timeline: input.application.timeline,
          arrangement: input.application.arrangement,
          priceFen: input.application.price,
        },
        select: { id: true, status: true },
      });
      await markInvitationsApplied(tx, need.id, actor.id);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.submitted",
        subjectType: "Application",
        subjectId: application.id,
        after: { needId: need.id, status: application.status, priceFen: input.application.price },
        ip: input.meta.ip,
      });
      await enqueueEvent(tx, {
        organisationIds: [need.organisationId],
        event: "application.received",
        payload: {
          applicationId: application.id,
          needId: need.id,
          needTitle: need.title,
          priceFen: input.application.price,
          status: application.status,
          occurredAt: new Date().toISOString(),
        },
      });
      const rows = await createNotifications(
        tx,
        await needManagers(tx, need, {
          type: "application.received",
          params: { expert: expert.displayName, need: need.title },
          href: `/needs/${need.id}/applications`,
        }),
      );
      afterCommit(() => deliverNotifications(rows));
      return application;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("application.duplicate");
    throw error;
  }
}

/** Everyone who manages the need hears about it: the organisation's village members, or the poster. */
async function needManagers(
  tx: Tx,
  need: { organisationId: string | null; postedById: string },
  notification: Omit<NewNotification, "userId">,
): Promise<NewNotification[]> {
  if (!need.organisationId) return [{ ...notification, userId: need.postedById }];
  const members = await tx.membership.findMany({
    where: { organisationId: need.organisationId, role: { in: ["VILLAGE", "FARMER"] } },
    select: { userId: true },
  });
  return members.map((member) => ({ ...notification, userId: member.userId }));
}

type Decision = "SHORTLISTED" | "ACCEPTED" | "DECLINED";

const DECISION_NOTIFICATION = {
  SHORTLISTED: "application.shortlisted",
  ACCEPTED: "application.accepted",
  DECLINED: "application.declined",
} as const;

/**
 * The poster's decision. Accepting moves the need to IN_PROGRESS and declines the other open
 * applications with a standard note, so nobody waits on a need that is already taken.
 */
export async function decideApplication(input: {
  actor: Actor;
  applicationId: string;
  decision: Decision;
  message?: string;
  meta: RequestMeta;
}) {
  const rows = await db.$transaction(async (tx) => {
    const found = await tx.application.findUnique({
      where: { id: input.applicationId },
      select: { needId: true },
    });
    if (!found) throw new DomainError("application.not_found");
    const need = await lockNeed(tx, found.needId);
    if (!canManageNeed(input.actor, need)) throw new DomainError("application.forbidden");
    const application = await tx.application.findUniqueOrThrow({
      where: { id: input.applicationId },
      select: { id: true, status: true, expertId: true },
    });
    assertTransition(
      APPLICATION_TRANSITIONS,
      application.status,
      input.decision,
      "application.invalid_transition",
    );
    if (input.decision === "ACCEPTED")
      assertTransition(NEED_TRANSITIONS, need.status, "IN_PROGRESS", "application.need_not_open");
    if (input.decision === "ACCEPTED") await assertNoPendingRevision(tx, application.id);
    else if (need.status !== "OPEN") throw new DomainError("application.need_not_open");

    const now = new Date();
    await tx.application.update({
      where: { id: application.id },
      data: {
        status: input.decision,
        decisionMessage: input.message || null,
        decidedAt: input.decision === "SHORTLISTED" ? null : now,
      },
      select: { id: true },
    });
    await recordStatusChange(
      tx,
      { type: "Application", id: application.id, from: application.status, to: input.decision },
      { actorId: input.actor.id, action: `application.${input.decision.toLowerCase()}`, ip: input.meta.ip },
    );
    const notifications: NewNotification[] = [
      {
        userId: application.expertId,
        type: DECISION_NOTIFICATION[input.decision],
        params: { need: need.title },
        href: `/needs/${need.id}`,
      },
    ];

    if (input.decision === "ACCEPTED") {
      await tx.need.update({ where: { id: need.id }, data: { status: "IN_PROGRESS" }, select: { id: true } });
      await markForIndexing(tx, "needs", need.id);
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "need.in_progress",
        subjectType: "Need",
        subjectId: need.id,
        before: { status: need.status },
        after: { status: "IN_PROGRESS", applicationId: application.id },
      });
      const others = await tx.application.findMany({
        where: {
          needId: need.id,
          id: { not: application.id },
          status: { in: statesThatMayBecome(APPLICATION_TRANSITIONS, "DECLINED") },
        },
        select: { id: true, expertId: true, status: true },
      });
      const note = translate("zh", "applications.autoDeclined");
      for (const other of others) {
        await tx.application.update({
          where: { id: other.id },
          data: { status: "DECLINED", decisionMessage: note, decidedAt: now },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: input.actor.id,
          action: "application.declined",
          subjectType: "Application",
          subjectId: other.id,
          before: { status: other.status },
          after: { status: "DECLINED", automatic: true },
        });
        notifications.push({
          userId: other.expertId,
          type: "application.declined",
          params: { need: need.title },
          href: `/needs/${need.id}`,
        });
      }
    }
    return createNotifications(tx, notifications);
  });
  await deliverNotifications(rows);
}

/** The applicant takes the application back, any time before it is accepted. */
export async function withdrawApplication(input: { actor: Actor; applicationId: string; meta: RequestMeta }) {
  const rows = await db.$transaction(async (tx) => {
    const found = await tx.application.findUnique({
      where: { id: input.applicationId },
      select: { needId: true },
    });
    if (!found) throw new DomainError("application.not_found");
    const need = await lockNeed(tx, found.needId);
    const application = await tx.application.findUniqueOrThrow({
      where: { id: input.applicationId },
      select: { id: true, status: true, expertId: true, expert: { select: { displayName: true } } },
    });
    if (application.expertId !== input.actor.id) throw new DomainError("application.forbidden");
    assertTransition(
      APPLICATION_TRANSITIONS,
      application.status,
      "WITHDRAWN",
      "application.invalid_transition",
    );
    await tx.application.update({
      where: { id: application.id },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
      select: { id: true },
    });
    await recordStatusChange(
      tx,
      { type: "Application", id: application.id, from: application.status, to: "WITHDRAWN" },
      { actorId: input.actor.id, action: "application.withdrawn", ip: input.meta.ip },
    );
    return createNotifications(
      tx,
      await needManagers(tx, need, {
        type: "application.withdrawn",
        params: { expert: application.expert.displayName, need: need.title },
        href: `/needs/${need.id}/applications`,
      }),
    );
  });
  await deliverNotifications(rows);
}

const applicationSelect = {
  id: true,
  approach: true,
  timeline: true,
  arrangement: true,
  priceFen: true,
  status: true,
  decisionMessage: true,
  createdAt: true,
  expert: {
    select: {
      id: true,
      displayName: true,
      verifiedAt: true,
      expertProfile: { select: { title: true, isCommissioner: true } },
    },
  },
} as const satisfies Prisma.ApplicationSelect;

/** The applications a need received, for those who manage it. */
export async function listApplicationsForNeed(needId: string, actor: Actor) {
  const need = await db.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      title: true,
      status: true,
      organisationId: true,
      postedById: true,
      arrangements: true,
    },
  });
  if (!need) throw new DomainError("need.not_found");
  if (!canManageNeed(actor, need)) throw new DomainError("need.forbidden");
  const applications = await db.application.findMany({
    where: { needId },
    select: applicationSelect,
    orderBy: { createdAt: "asc" },
  });
  return { need, applications };
}

export function getOwnApplication(needId: string, expertId: string) {
  return db.application.findUnique({
    where: { needId_expertId: { needId, expertId } },
    select: applicationSelect,
  });
}
