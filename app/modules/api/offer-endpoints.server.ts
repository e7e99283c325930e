import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { getOfferCards, getOfferPage, publishedOffersWhere } from "~/modules/offers/offers.server";
import { OFFER_KINDS, OFFER_SORTS, type OfferSort } from "~/modules/offers/offers.schema";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";
import { type SortKey, strictQuery, IdParams, needCard } from "./endpoint-shapes.server";
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
    summary:
      "Published offers with the filters of the /offers page; sort newest, price_asc (by lowest price) or price_desc (by highest price), unpriced last, ties by id",
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
    summary: "One offer",
    params: IdParams,
    response: s.OfferSchema,
  },
  async ({ params, actor }) => (await getOfferPage(actor, params.id)).offer,
);

export const searchEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/search",
    tag: "search",
    scope: "search:read",
    summary:
      "Full-text search with facets, as the /search page (type = needs, offers, experts or services; 20 a page). The search engine ranks by page: `nextCursor` carries the next page's number, so keep the other parameters the same when following it",
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
