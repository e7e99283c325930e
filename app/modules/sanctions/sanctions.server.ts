import { db } from "~/db.server";
import type { SanctionKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { banEndsAt } from "./bans.server";
import { announceBan } from "./public-bans.server";
import {
  assertBureau,
  assertMayLift,
  assertMayStopPayments,
  commitAndDeliver,
  lockApplication,
  notifyAll,
  lockSanction,
} from "./sanction-steps.server";
import type { RequestMeta } from "~/utils/request.server";

/**
 * The bureau's sanctions (plan §5.4): 停拨 suspends disbursement, 追缴 claws money back into the
 * programme, and the 3-year ban (3年内不得承担) bars a person or organisation from new work.
 * Each writes a Sanction row, an audit entry and notifications in one transaction.
 */

/** 停拨: no more money is disbursed to the application until the suspension is lifted. */
export async function suspend(
  actor: Actor,
  applicationId: string,
  reason: string,
  meta: RequestMeta = {},
): Promise<{ id: string }> {
  assertMayStopPayments(actor);
  return commitAndDeliver(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    if (application.suspendedAt) throw new DomainError("sanction.already_suspended");
    const now = new Date();
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { suspendedAt: now, suspensionReason: reason },
      select: { id: true },
    });
    const sanction = await tx.sanction.create({
      data: {
        kind: "SUSPENSION",
        programmeApplicationId: applicationId,
        organisationId: application.organisationId,
        reason,
        startsAt: now,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.suspended",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { suspendedAt: null },
      after: { suspendedAt: now.toISOString(), reason, sanctionId: sanction.id },
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId: application.organisationId, userId: application.applicantId },
      { type: "sanction.suspended", params: { programme: application.title, reason } },
    );
    return { result: sanction, rows };
  });
}

/**
 * 3年内不得承担: bars the organisation and/or the person from new work for three years from now.
 * Nothing runs when it ends: every check compares dates (see findActiveBan).
 */
export async function ban(
  actor: Actor,
  input: {
    organisationId?: string | null;
    userId?: string | null;
    applicationId?: string | null;
    reason: string;
  },
  meta: RequestMeta = {},
): Promise<{ id: string; endsAt: Date }> {
  assertBureau(actor);
  const organisationId = input.organisationId || null;
  const userId = input.userId || null;
  if (!organisationId && !userId) throw new DomainError("sanction.no_subject");
  return commitAndDeliver(async (tx) => {
    const [organisation, user] = await Promise.all([
      organisationId
        ? tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } })
        : null,
      userId ? tx.user.findUnique({ where: { id: userId }, select: { id: true } }) : null,
    ]);
    if ((organisationId && !organisation) || (userId && !user))
      throw new DomainError("sanction.subject_not_found");
    const startsAt = new Date();
    const sanction = await tx.sanction.create({
      data: {
        kind: "BAN",
        organisationId,
        userId,
        programmeApplicationId: input.applicationId || null,
        reason: input.reason,
        startsAt,
        endsAt: banEndsAt(startsAt),
        createdById: actor.id,
      },
      select: { id: true, endsAt: true },
    });
    const endsAt = sanction.endsAt!;
    await announceBan(tx, sanction.id, "ban.published", startsAt);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.banned",
      subjectType: "Sanction",
      subjectId: sanction.id,
      before: {},
      after: {
        organisationId,
        userId,
        reason: input.reason,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      },
      ip: meta.ip,
    });
    const rows = await notifyAll(
      tx,
      { organisationId, userId },
      { type: "sanction.banned", params: { reason: input.reason, until: luoyangToday(endsAt) } },
    );
    return { result: { id: sanction.id, endsAt }, rows };
  });
}

const LIFTABLE: SanctionKind[] = ["SUSPENSION", "BAN"];

/**
 * Ends a suspension (disbursement may resume) or a ban before its time, with the reason. A
 * claw-back cannot be lifted: the money already moved. A suspension is lifted by the bureau that
 * stopped it (`assertMayLift`).
 */
export async function lift(
  actor: Actor,
  sanctionId: string,
  reason: string,
  meta: RequestMeta = {},
): Promise<void> {
  if (!can(actor, "sanction.apply") && !can(actor, "payment.stop"))
    throw new DomainError("sanction.forbidden");
  await commitAndDeliver(async (tx) => {
    const sanction = await lockSanction(tx, sanctionId);
    await assertMayLift(tx, actor, sanction);
    if (!LIFTABLE.includes(sanction.kind)) throw new DomainError("sanction.not_liftable");
    const now = new Date();
    if (sanction.liftedAt || (sanction.endsAt && sanction.endsAt <= now))
      throw new DomainError("sanction.not_active");
    await tx.sanction.update({
      where: { id: sanctionId },
      data: { liftedAt: now, liftedById: actor.id, liftReason: reason },
      select: { id: true },
    });
    if (sanction.kind === "SUSPENSION" && sanction.programmeApplicationId) {
      await tx.programmeApplication.update({
        where: { id: sanction.programmeApplicationId },
        data: { suspendedAt: null, suspensionReason: null },
        select: { id: true },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sanction.lifted",
      subjectType: "Sanction",
      subjectId: sanctionId,
      before: { kind: sanction.kind, liftedAt: null },
      after: { liftedAt: now.toISOString(), liftReason: reason },
      ip: meta.ip,
    });
    if (sanction.kind === "BAN") await announceBan(tx, sanctionId, "ban.lifted", now);
    const rows =
      sanction.kind === "BAN"
        ? await notifyAll(tx, sanction, { type: "sanction.ban_lifted", params: { reason } })
        : await notifyAll(
            tx,
            { organisationId: sanction.organisationId },
            { type: "sanction.suspension_lifted", params: { programme: sanction.application?.title ?? "" } },
          );
    return { result: undefined, rows };
  });
}

/** Lifts a ban before its three years are up (the same rule as `lift`, named for callers). */
export async function liftBan(
  actor: Actor,
  sanctionId: string,
  reason: string,
  meta: RequestMeta = {},
): Promise<void> {
  const sanction = await db.sanction.findUnique({ where: { id: sanctionId }, select: { kind: true } });
  if (sanction && sanction.kind !== "BAN") throw new DomainError("sanction.not_liftable");
  await lift(actor, sanctionId, reason, meta);
}

// Claw-backs live in their own file; routes import every sanction from here.
export { clawBack, collectOwed } from "./clawbacks.server";
