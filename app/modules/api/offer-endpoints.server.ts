import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  createOffer,
  getOfferCards,
  getOfferPage,
  publishOffer,
  publishedOffersWhere,
  updateOffer,
  withdrawOffer,
} from "~/modules/offers/offers.server";
import { OFFER_KINDS, OFFER_SORTS, OfferFormSchema, type OfferSort } from "~/modules/offers/offers.schema";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";
import { type SortKey, strictQuery, IdParams, needCard } from "./endpoint-shapes.server";
import { listingWriteEndpoints } from "./listing-endpoints.server";
import { keysetPageIds, placeFilters } from "./listing-query.server";

const OFFER_SORT_KEYS = {
  newest: { field: "publishedAt", direction: "desc", kind: "date" },
  price_asc: { field: "priceMinFen", direction: "asc", kind: "number" },
  price_desc: { field: "priceMaxFen", direction: "desc", kind: "number" },
} as const satisfies Record<OfferSort, SortKey<string>>;

export const listOffersEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/offers",
    tag: "offers",
    scope: "offers:read",
    summary: "api.op.getOffers",
    description: "api.op.getOffers.detail",
    query: PageQuery.extend({
      ...placeFilters,
      kind: z.enum(OFFER_KINDS).optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
      sort: z.enum(OFFER_SORTS).default("newest"),
    }),
    response: pageOf(s.OfferCardSchema),
  },
  async ({ query: { limit, cursor, sort, verified, ...filters } }) => {
    const published = publishedOffersWhere({ ...filters, verified: verified === "1" });
    const { ids, nextCursor } = await keysetPageIds(OFFER_SORT_KEYS[sort], { limit, cursor }, (window) =>
      db.offer.findMany({
        where: { AND: [published, window.after] } as Prisma.OfferWhereInput,
        orderBy: window.orderBy as Prisma.OfferOrderByWithRelationInput[],
        take: window.take,
        select: { id: true, publishedAt: true, priceMinFen: true, priceMaxFen: true },
      }),
    );
    return { data: await getOfferCards(ids), nextCursor };
  },
);

export const getOfferEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/offers/{id}",
    tag: "offers",
    scope: "offers:read",
    summary: "api.op.getOffersId",
    description: "api.op.getOffersId.detail",
    params: IdParams,
    response: s.OfferSchema,
  },
  async ({ params, actor }) => (await getOfferPage(actor, params.id)).offer,
);

// An expert's own offers, or an institution's by its members: the rules of the offer pages.
const offerWrites = listingWriteEndpoints({
  path: "/api/v1/offers",
  tag: "offers",
  scope: "offers:write",
  permission: "offer.post",
  form: OfferFormSchema,
  texts: {
    create: { summary: "api.op.postOffers", description: "api.op.postOffers.detail" },
    update: { summary: "api.op.putOffersId", description: "api.op.putOffersId.detail" },
    publish: { summary: "api.op.postOffersIdPublish", description: "api.op.postOffersIdPublish.detail" },
    withdraw: { summary: "api.op.postOffersIdWithdraw", description: "api.op.postOffersIdWithdraw.detail" },
  },
  create: createOffer,
  update: updateOffer,
  publish: publishOffer,
  withdraw: withdrawOffer,
});
export const {
  create: createOfferEndpoint,
  update: updateOfferEndpoint,
  publish: publishOfferEndpoint,
  withdraw: withdrawOfferEndpoint,
} = offerWrites;

export const searchEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/search",
    tag: "search",
    scope: "search:read",
    summary: "api.op.getSearch",
    description: "api.op.getSearch.detail",
    query: SearchParamsSchema.omit({ page: true }).extend({ cursor: z.string().max(200).optional() }),
    response: s.SearchResultSchema,
  },
  async ({ query: { cursor, ...query } }) => {
    const page = pageFromCursor(cursor);
    const {
      needs,
      offers,
      services,
      experts,
      terms: _terms,
      ...result
    } = {
      needs: undefined,
      offers: undefined,
      services: undefined,
      experts: undefined,
      ...(await searchMarketplace({ ...query, page })),
    };
    const data = (needs?.map(needCard) ?? offers ?? services ?? experts ?? []) as { id: string }[];
    return {
      ...result,
      data,
      nextCursor: page < result.pages && data.length ? encodeCursor(page + 1, "search") : null,
    };
  },
);
