import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { listingForOwner, listingForViewer, type ListingReader } from "~/modules/listings/listing-access";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { can, type Actor } from "~/modules/users/permissions";
import type { OfferFilters } from "./offers.schema";

/* Offers as people find and read them: the selects, who owns an offer, the pages and the lists. */

export const OFFERS_PER_PAGE = 20;

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

export function isInstitutionMember(actor: Actor, organisationId: string): boolean {
  return actor.memberships.some(
    (membership) => membership.organisationId === organisationId && membership.role === "INSTITUTION",
  );
}

/** How the offer's pages read it (see listing-access.ts). */
const OFFER_READER: ListingReader<OfferDetail> = {
  prefix: "offer",
  find: (offerId) => db.offer.findUnique({ where: { id: offerId }, select: detailSelect }),
  owns: ownsOffer,
};

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

/** An offer's page for this viewer (see listingForViewer), with what the viewer may do there. */
export async function getOfferPage(viewer: Actor | null, offerId: string) {
  const { listing: offer, isOwner, canModerate } = await listingForViewer(viewer, offerId, OFFER_READER);
  // Villages and farmers may draft an agreement with the provider of a published offer.
  const canDraftAgreement = can(viewer, "need.post") && isOpenToOthers(offer, isOwner);
  return { offer, isOwner, canModerate, canDraftAgreement };
}

/** The offer as its owner edits it; anyone else is refused. */
export function getOfferForEdit(actor: Actor, offerId: string) {
  return listingForOwner(actor, offerId, OFFER_READER);
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
