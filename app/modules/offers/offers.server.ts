import { listingActions } from "~/modules/listings/listing-action.server";
import { listingEdit } from "~/modules/listings/listing-form-action.server";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { listingAuditColumns } from "~/modules/listings/listing-columns";
import {
  listingLifecycle,
  type ListingWriteOptions,
  type RequestMeta,
} from "~/modules/listings/lifecycle.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { OfferActionSchema, OfferFormSchema, type OfferFields } from "./offers.schema";
import { isInstitutionMember, ownsOffer } from "./offers.queries.server";

/*
 * The offer's commands: create, edit, publish, withdraw, hide and unhide. The read models are in
 * offers.queries.server.ts and the state table in offers.states.ts, both re-exported here.
 */

export type { RequestMeta } from "~/modules/listings/lifecycle.server";

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
  ...listingAuditColumns,
  kind: true,
  industry: true,
  arrangements: true,
  expertId: true,
} as const;

type OfferRow = Prisma.OfferGetPayload<{ select: typeof auditSelect }>;

/** The offer's own columns: every field but who provides it, which only a new offer settles. */
function fieldsData({ organisationId: _provider, ...content }: OfferFields) {
  return content;
}

const offers = listingLifecycle<OfferRow, ReturnType<typeof fieldsData>>({
  table: "Offer",
  prefix: "offer",
  index: "offers",
  find: (tx, offerId) => tx.offer.findUnique({ where: { id: offerId }, select: auditSelect }),
  update: (tx, offerId, data) => tx.offer.update({ where: { id: offerId }, data, select: auditSelect }),
  owns: ownsOffer,
  assertPublishable: assertProviderVerified,
  // The expert who provides the offer is told; an institution's offer tells whoever posted it.
  hiddenNotices: async (_tx, offer, reason) => [
    {
      userId: offer.expertId ?? offer.postedById,
      type: "offer.hidden",
      params: { offer: offer.title, reason },
      href: `/offers/${offer.id}`,
    },
  ],
});

/** Creates an offer as a draft, or publishes it at once when asked (all or nothing). */
export async function createOffer(
  actor: Actor,
  fields: OfferFields,
  options: ListingWriteOptions = {},
  meta: RequestMeta = {},
) {
  const provider = resolveProvider(actor, fields.organisationId || undefined);
  return offers.create(
    actor,
    (tx) =>
      tx.offer.create({
        data: { ...fieldsData(fields), ...provider, postedById: actor.id, status: "DRAFT" },
        select: auditSelect,
      }),
    options,
    meta,
  );
}

/** Saves new content; the status stays as it was unless `publish` moves a draft or withdrawn offer live. */
export function updateOffer(
  actor: Actor,
  offerId: string,
  fields: OfferFields,
  options: ListingWriteOptions = {},
  meta: RequestMeta = {},
) {
  return offers.update(actor, offerId, fieldsData(fields), options, meta);
}

export const publishOffer = offers.publish;
export const withdrawOffer = offers.withdraw;
/** The bureau takes a published offer out of sight, with a reason the owner is told. */
export const hideOffer = offers.hide;
export const unhideOffer = offers.unhide;

export { OFFER_TRANSITIONS } from "./offers.states";
/** What an offer's page posts (publish, withdraw, hide, unhide), for the shared listing action. */
export const OFFER_ACTIONS = listingActions(OFFER_LISTING, OfferActionSchema, offers);

/** What the offer's edit form saves. The provider never changes; a posted organisationId is ignored. */
export const OFFER_EDIT = listingEdit(OFFER_LISTING, OfferFormSchema, updateOffer);

export * from "./offers.queries.server";
