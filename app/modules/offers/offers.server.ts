import { markForIndexing } from "~/modules/indexing/outbox.server";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { OfferStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, type Transitions } from "~/utils/state-machine";
import type { OfferFields, OfferFilters } from "./offers.schema";

export const OFFERS_PER_PAGE = 20;

/** The offer state machine. Every state is editable; editing a published offer keeps it published. */
export const OFFER_TRANSITIONS: Transitions<OfferStatus> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["WITHDRAWN"],
  WITHDRAWN: ["PUBLISHED"],
};

export interface RequestMeta {
  ip?: string | null;
}

const providerSelect = {
  expert: { select: { id: true, displayName: true, verifiedAt: true } },
  organisation: { select: { id: true, name: true, nameEn: true, verifiedAt: true } },
} as const;

const cardSelect = {
  id: true,
  kind: true,
  title: true,
  industry: true,
  countiesServed: true,
  arrangements: true,
  priceMinFen: true,
  priceMaxFen: true,
  status: true,
  publishedAt: true,
  ...providerSelect,
} as const;

const detailSelect = {
  ...cardSelect,
  description: true,
  expertId: true,
  organisationId: true,
  postedById: true,
  hiddenAt: true,
  hiddenReason: true,
  updatedAt: true,
} as const;

export type OfferCard = Prisma.OfferGetPayload<{ select: typeof cardSelect }>;
export type OfferDetail = Prisma.OfferGetPayload<{ select: typeof detailSelect }>;

/** The expert's own offers are theirs; an institution's offers belong to its institution accounts. */
export function ownsOffer(
  actor: Actor | null | undefined,
  offer: { expertId: string | null; organisationId: string | null },
): boolean {
  if (!actor) return false;
  if (offer.expertId === actor.id) return true;
  return offer.organisationId !== null && isInstitutionMember(actor, offer.organisationId);
}

function isInstitutionMember(actor: Actor, organisationId: string): boolean {
  return actor.memberships.some(
    (membership) => membership.organisationId === organisationId && membership.role === "INSTITUTION",
  );
}

/** Whether the provider shown on an offer is verified: the expert for their own offer, else the institution. */
export function providerVerified(offer: Pick<OfferCard, "expert" | "organisation">): boolean {
  return Boolean(offer.expert ? offer.expert.verifiedAt : offer.organisation?.verifiedAt);
}

/** In whose name the actor may post: themselves as an expert, and/or institutions they manage. */
export async function getPostingOptions(actor: Actor) {
  const asExpert =
    actor.primaryRole === "EXPERT" || actor.memberships.some((membership) => membership.role === "EXPERT");
  const organisationIds = actor.memberships
    .filter(
      (membership) =>
        membership.role === "INSTITUTION" &&
        can(actor, "offer.post", { organisationId: membership.organisationId }),
    )
    .map((membership) => membership.organisationId);
  const organisations = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: { id: true, name: true, verifiedAt: true },
    orderBy: { name: "asc" },
  });
  const self = await db.user.findUnique({ where: { id: actor.id }, select: { verifiedAt: true } });
  return { asExpert, expertVerified: Boolean(self?.verifiedAt), organisations };
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

/**
 * An offer's page for this viewer. Drafts are seen by their owners only; withdrawn and hidden
 * offers by their owners and the bureau; everyone else gets "not found", never a hint it exists.
 */
export async function getOfferPage(viewer: Actor | null, offerId: string) {
  const offer = await db.offer.findUnique({ where: { id: offerId }, select: detailSelect });
  if (!offer) throw new DomainError("offer.not_found");
  const isOwner = ownsOffer(viewer, offer);
  const canModerate = can(viewer, "content.moderate");
  const isPublic = offer.status === "PUBLISHED" && !offer.hiddenAt;
  const visible = isOwner || isPublic || (canModerate && offer.status !== "DRAFT");
  if (!visible) throw new DomainError("offer.not_found");
  return { offer, isOwner, canModerate };
}

/** The offer as its owner edits it; anyone else is refused. */
export async function getOfferForEdit(actor: Actor, offerId: string) {
  const offer = await db.offer.findUnique({ where: { id: offerId }, select: detailSelect });
  if (!offer) throw new DomainError("offer.not_found");
  if (!ownsOffer(actor, offer))
    throw new DomainError(offer.status === "DRAFT" ? "offer.not_found" : "offer.forbidden");
  return offer;
}

function orderFor(sort: OfferFilters["sort"]): Prisma.OfferOrderByWithRelationInput[] {
  // Offers without a price ("negotiable") come last either way; ties go to the newest.
  if (sort === "price_asc") {
    return [
      { priceMinFen: { sort: "asc", nulls: "last" } },
      { priceMaxFen: { sort: "asc", nulls: "last" } },
      { publishedAt: "desc" },
      { id: "asc" },
    ];
  }
  if (sort === "price_desc") {
    return [
      { priceMaxFen: { sort: "desc", nulls: "last" } },
      { priceMinFen: { sort: "desc", nulls: "last" } },
      { publishedAt: "desc" },
      { id: "asc" },
    ];
  }
  return [{ publishedAt: "desc" }, { id: "asc" }];
}

/** Published, visible offers matching the filters: one page of cards and the total count. */
/** Cards for the given ids, in the given order (search results keep the engine's ranking). */
export async function getOfferCards(ids: readonly string[]): Promise<OfferCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.offer.findMany({
    where: { id: { in: [...ids] }, hiddenAt: null, status: "PUBLISHED" },
    select: cardSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is OfferCard => row !== undefined);
}

/** The public list's visibility and filters; the open API pages through the same rows. */
export function publishedOffersWhere(filters: Partial<OfferFilters> = {}): Prisma.OfferWhereInput {
  const conditions: Prisma.OfferWhereInput[] = [{ status: "PUBLISHED", hiddenAt: null }];
  if (filters.industry) conditions.push({ industry: filters.industry });
  if (filters.county) conditions.push({ countiesServed: { has: filters.county } });
  if (filters.arrangement) conditions.push({ arrangements: { has: filters.arrangement } });
  if (filters.kind) conditions.push({ kind: filters.kind });
  if (filters.verified) {
    conditions.push({
      OR: [
        { expertId: { not: null }, expert: { verifiedAt: { not: null } } },
        { expertId: null, organisation: { verifiedAt: { not: null } } },
      ],
    });
  }
  if (filters.q) {
    conditions.push({
      OR: [
        { title: { contains: filters.q, mode: "insensitive" } },
        { description: { contains: filters.q, mode: "insensitive" } },
      ],
    });
  }
  return { AND: conditions };
}

export async function listOffers(filters: Partial<OfferFilters> = {}) {
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const where = publishedOffersWhere(filters);
  const [offers, total] = await Promise.all([
    db.offer.findMany({
      where,
      select: cardSelect,
      orderBy: orderFor(filters.sort ?? "newest"),
      skip: (page - 1) * OFFERS_PER_PAGE,
      take: OFFERS_PER_PAGE,
    }),
    db.offer.count({ where }),
  ]);
  return { offers, total, page, pageCount: Math.max(1, Math.ceil(total / OFFERS_PER_PAGE)) };
}

/** Every offer the user owns, in any state, for their workspace: newest change first. */
export async function listMyOffers(userId: string) {
  const institutions = await db.membership.findMany({
    where: { userId, role: "INSTITUTION" },
    select: { organisationId: true },
  });
  return db.offer.findMany({
    where: {
      OR: [
        { expertId: userId },
        { organisationId: { in: institutions.map((membership) => membership.organisationId) } },
      ],
    },
    select: { ...cardSelect, hiddenAt: true, hiddenReason: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
}
