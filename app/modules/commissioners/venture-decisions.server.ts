import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";

/*
 * The county officer of a venture's county, or the city bureau, verifies or refuses a venture
 * (领办/创办/联办); the holder — the commissioner, or the team's lead — is notified either way.
 */

/** The venture locked for a decision by an officer who may take it (the county's, or the bureau). */
async function ventureToDecide(tx: Tx, actor: CountyActor, ventureId: string) {
  await tx.$queryRaw`SELECT id FROM "CommissionerVenture" WHERE id = ${ventureId} FOR UPDATE`;
  const venture = await tx.commissionerVenture.findUnique({
    where: { id: ventureId },
    select: {
      title: true,
      countyCode: true,
      verifiedAt: true,
      refusedAt: true,
      commissionerId: true,
      team: { select: { leadId: true } },
    },
  });
  if (!venture) throw new DomainError("venture.not_found");
  if (!canInCounty(actor, "commissioner.verify", venture.countyCode))
    throw new DomainError("venture.forbidden");
  return venture;
}

/** Tells the venture's holder (the commissioner, or the team's lead) what the officer decided. */
function noticeHolder(
  tx: Tx,
  venture: { commissionerId: string | null; team: { leadId: string } | null },
  ventureId: string,
  notice: { type: "venture.verified" | "venture.refused"; params: Record<string, string> },
) {
  const holderId = venture.commissionerId ?? venture.team?.leadId;
  if (!holderId) return Promise.resolve([]);
  return createNotifications(tx, [
    { userId: holderId, ...notice, href: `/commissioners/ventures/${ventureId}` },
  ]);
}

/**
 * The county officer of the venture's county, or the bureau, confirms it; a second tap changes
 * nothing, and a refused venture is not verified after (the holder records it anew).
 */
export async function verifyVenture(
  actor: CountyActor,
  ventureId: string,
  meta: RequestMeta = {},
  now = new Date(),
) {
  const notices = await db.$transaction(async (tx) => {
    const venture = await ventureToDecide(tx, actor, ventureId);
    if (venture.refusedAt) throw new DomainError("venture.already_refused");
    if (venture.verifiedAt) return [];
    await tx.commissionerVenture.update({
      where: { id: ventureId },
      data: { verifiedAt: now, verifiedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "venture.verified",
      subjectType: "CommissionerVenture",
      subjectId: ventureId,
      after: { verifiedAt: now.toISOString() },
      ip: meta.ip,
    });
    return noticeHolder(tx, venture, ventureId, {
      type: "venture.verified",
      params: { venture: venture.title },
    });
  });
  await deliverNotifications(notices);
}

/** The officer refuses a venture not yet verified, with the reason the holder is sent; once only. */
export async function refuseVenture(
  actor: CountyActor,
  ventureId: string,
  reason: string,
  meta: RequestMeta = {},
  now = new Date(),
) {
  const notices = await db.$transaction(async (tx) => {
    const venture = await ventureToDecide(tx, actor, ventureId);
    if (venture.verifiedAt) throw new DomainError("venture.already_verified");
    if (venture.refusedAt) return [];
    await tx.commissionerVenture.update({
      where: { id: ventureId },
      data: { refusedAt: now, refusedById: actor.id, refusalReason: reason },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "venture.refused",
      subjectType: "CommissionerVenture",
      subjectId: ventureId,
      after: { refusedAt: now.toISOString(), reason },
      ip: meta.ip,
    });
    return noticeHolder(tx, venture, ventureId, {
      type: "venture.refused",
      params: { venture: venture.title, reason },
    });
  });
  await deliverNotifications(notices);
}
