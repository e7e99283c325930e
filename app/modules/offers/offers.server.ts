import { markForIndexing } from "~/modules/indexing/outbox.server";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { OfferStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import type { OfferFields } from "./offers.schema";
import { OFFER_TRANSITIONS } from "./offers.states";
import { isInstitutionMember, ownsOffer } from "./offers.queries.server";

/*
 * The offer's commands: create, edit, publish, withdraw, hide and unhide. The read models are in
 * offers.queries.server.ts and the state table in offers.states.ts, both re-exported here.
 */

export interface RequestMeta {
  ip?: string | null;
}

/** Resolves who provides a new offer: the expert (with their affiliation) or an institution. */
function resolveProvider(actor: Actor, organisationId: string | undefined) {
  if (organisationId) {
    if (!can(actor, "offer.post", { organisationId }) || !isInstitutionMember(actor, organisationId)) {
      throw new DomainError("offer.not_institution_member");
    }
    return { expertId: null, organisationId };
  }
  if (!can(actor, "offer.post")) throw new DomainError("offer.forbidden");
  const isExpert =
    actor.primaryRole === "EXPERT" || actor.memberships.some((membership) => membership.role === "EXPERT");
  if (!isExpert) throw new DomainError("offer.organisation_required");
  const affiliation = actor.memberships.find((membership) => membership.role === "EXPERT");
  return { expertId: actor.id, organisationId: affiliation?.organisationId ?? null };
}

/** Publishing needs the bureau's verification of whoever provides the offer; drafts do not. */
async function assertProviderVerified(
  tx: Tx,
  offer: { expertId: string | null; organisationId: string | null },
) {
  if (offer.expertId) {
    const expert = await tx.user.findUnique({ where: { id: offer.expertId }, select: { verifiedAt: true } });
    if (!expert?.verifiedAt) throw new DomainError("offer.expert_not_verified");
    return;
  }
  const organisation = offer.organisationId
    ? await tx.organisation.findUnique({ where: { id: offer.organisationId }, select: { verifiedAt: true } })
    : null;
  if (!organisation?.verifiedAt) throw new DomainError("offer.organisation_not_verified");
}

const auditSelect = {
  id: true,
  status: true,
  kind: true,
  title: true,
  description: true,
  industry: true,
  countiesServed: true,
  arrangements: true,
  priceMinFen: true,
  priceMaxFen: true,
  expertId: true,
  organisationId: true,
  postedById: true,
  publishedAt: true,
  hiddenAt: true,
  hiddenReason: true,
} as const;

type AuditRow = Prisma.OfferGetPayload<{ select: typeof auditSelect }>;

function snapshot(row: AuditRow): Prisma.InputJsonObject {
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
  };
}

function fieldsData(fields: OfferFields) {
  return {
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    industry: fields.industry,
    countiesServed: fields.countiesServed,
    arrangements: fields.arrangements,
    priceMinFen: fields.priceMinFen,
    priceMaxFen: fields.priceMaxFen,
  };
}

async function loadForChange(tx: Tx, offerId: string): Promise<AuditRow> {
  // Row lock: two changes to one offer run one after the other, each seeing the other's result.
  await tx.$queryRaw`SELECT id FROM "Offer" WHERE id = ${offerId} FOR UPDATE`;
  const offer = await tx.offer.findUnique({ where: { id: offerId }, select: auditSelect });
  if (!offer) throw new DomainError("offer.not_found");
  return offer;
}

async function changeStatus(
  tx: Tx,
  actorId: string,
  before: AuditRow,
  to: OfferStatus,
  action: string,
  meta: RequestMeta,
) {
  assertTransition(OFFER_TRANSITIONS, before.status, to, "offer.invalid_transition");
  if (to === "PUBLISHED") await assertProviderVerified(tx, before);
  const after = await tx.offer.update({
    where: { id: before.id },
    data: { status: to, ...(to === "PUBLISHED" ? { publishedAt: new Date() } : {}) },
    select: auditSelect,
  });
  await recordAudit(tx, {
    actorId,
    action,
    subjectType: "Offer",
    subjectId: before.id,
    before: snapshot(before),
    after: snapshot(after),
    ip: meta.ip,
  });
  await markForIndexing(tx, "offers", before.id);
  return after;
}

/** Creates an offer as a draft, or publishes it at once when asked (all or nothing). */
export async function createOffer(
  actor: Actor,
  fields: OfferFields,
  options: { publish?: boolean } = {},
  meta: RequestMeta = {},
) {
  const provider = resolveProvider(actor, fields.organisationId || undefined);
  return db.$transaction(async (tx) => {
    let offer = await tx.offer.create({
      data: { ...fieldsData(fields), ...provider, postedById: actor.id, status: "DRAFT" },
      select: auditSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "offer.created",
      subjectType: "Offer",
      subjectId: offer.id,
      after: snapshot(offer),
      ip: meta.ip,
    });
    await markForIndexing(tx, "offers", offer.id);
    if (options.publish)
      offer = await changeStatus(tx, actor.id, offer, "PUBLISHED", "offer.published", meta);
    return { id: offer.id, status: offer.status };
  });
}

/** Saves new content; the status stays as it was unless `publish` moves a draft or withdrawn offer live. */
export async function updateOffer(
  actor: Actor,
  offerId: string,
  fields: OfferFields,
  options: { publish?: boolean } = {},
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, offerId);
    if (!ownsOffer(actor, before)) throw new DomainError("offer.forbidden");
    let offer = await tx.offer.update({
      where: { id: offerId },
      data: fieldsData(fields),
      select: auditSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "offer.updated",
      subjectType: "Offer",
      subjectId: offerId,
      before: snapshot(before),
      after: snapshot(offer),
      ip: meta.ip,
    });
    await markForIndexing(tx, "offers", offerId);
    if (options.publish && offer.status !== "PUBLISHED")
      offer = await changeStatus(tx, actor.id, offer, "PUBLISHED", "offer.published", meta);
    return { id: offer.id, status: offer.status };
  });
}

async function ownerChange(
  actor: Actor,
  offerId: string,
  to: OfferStatus,
  action: string,
  meta: RequestMeta,
) {
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, offerId);
    if (!ownsOffer(actor, before)) throw new DomainError("offer.forbidden");
    const after = await changeStatus(tx, actor.id, before, to, action, meta);
    return { id: after.id, status: after.status };
  });
}

export function publishOffer(actor: Actor, offerId: string, meta: RequestMeta = {}) {
  return ownerChange(actor, offerId, "PUBLISHED", "offer.published", meta);
}

export function withdrawOffer(actor: Actor, offerId: string, meta: RequestMeta = {}) {
  return ownerChange(actor, offerId, "WITHDRAWN", "offer.withdrawn", meta);
}

/** The bureau takes a published offer out of sight, with a reason the owner is told. */
export async function hideOffer(actor: Actor, offerId: string, reason: string, meta: RequestMeta = {}) {
  if (!can(actor, "content.moderate")) throw new DomainError("offer.forbidden");
  reason = reason.trim();
  if (reason.length < 2 || reason.length > 500) throw new DomainError("offer.reason_required");
  const notifications = await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, offerId);
    if (before.status !== "PUBLISHED" || before.hiddenAt) throw new DomainError("offer.not_hideable");
    const after = await tx.offer.update({
      where: { id: offerId },
      data: { hiddenAt: new Date(), hiddenReason: reason },
      select: auditSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "offer.hidden",
      subjectType: "Offer",
      subjectId: offerId,
      before: snapshot(before),
      after: snapshot(after),
      ip: meta.ip,
    });
    await markForIndexing(tx, "offers", offerId);
    return createNotifications(tx, [
      {
        userId: before.expertId ?? before.postedById,
        type: "offer.hidden",
        params: { offer: before.title, reason },
        href: `/offers/${offerId}`,
      },
    ]);
  });
  await deliverNotifications(notifications);
}

export async function unhideOffer(actor: Actor, offerId: string, meta: RequestMeta = {}) {
  if (!can(actor, "content.moderate")) throw new DomainError("offer.forbidden");
  await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, offerId);
    if (!before.hiddenAt) throw new DomainError("offer.invalid_transition");
    const after = await tx.offer.update({
      where: { id: offerId },
      data: { hiddenAt: null, hiddenReason: null },
      select: auditSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "offer.unhidden",
      subjectType: "Offer",
      subjectId: offerId,
      before: snapshot(before),
      after: snapshot(after),
      ip: meta.ip,
    });
    await markForIndexing(tx, "offers", offerId);
  });
}
export { OFFER_TRANSITIONS } from "./offers.states";
export {
  OFFERS_PER_PAGE,
  getOfferCards,
  getOfferForEdit,
  getOfferPage,
  getPostingOptions,
  listMyOffers,
  listOffers,
  ownsOffer,
  providerVerified,
  publishedOffersWhere,
  type OfferCard,
  type OfferDetail,
} from "./offers.queries.server";
