import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { getOfferCards, getOfferPage, publishedOffersWhere } from "~/modules/offers/offers.server";
import { OFFER_KINDS, OFFER_SORTS, type OfferSort } from "~/modules/offers/offers.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { searchMarketplace } from "~/modules/search/search.server";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf, toPage } from "./endpoint.server";
import {
  type SortKey,
  strictQuery,
  afterOf,
  orderOf,
  cursorOf,
  IdParams,
  needCard,
} from "./endpoint-shapes.server";

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
      industry: z.enum(INDUSTRY_CODES).optional(),
      county: z.enum(COUNTY_CODES).optional(),
      arrangement: z.enum(ARRANGEMENT_TYPES).optional(),
      kind: z.enum(OFFER_KINDS).optional(),
      verified: z.literal("1").optional(),
      q: strictQuery,
      sort: z.enum(OFFER_SORTS).default("newest"),
    }),
    response: pageOf(s.OfferCardSchema),
  },
  async ({ query }) => {
    const { limit, cursor, sort, verified, ...filters } = query;
    const key = OFFER_SORT_KEYS[sort];
    const where = {
      AND: [publishedOffersWhere({ ...filters, verified: verified === "1" }), afterOf(key, cursor)],
    } as Prisma.OfferWhereInput;
    const orderBy = orderOf(key) as Prisma.OfferOrderByWithRelationInput[];
    const rows = await db.offer.findMany({
      where,
      orderBy,
      take: limit + 1,
      select: { id: true, publishedAt: true, priceMinFen: true, priceMaxFen: true },
    });
    const page = toPage(rows, limit, cursorOf(key));
    return { data: await getOfferCards(page.data.map((row) => row.id)), nextCursor: page.nextCursor };
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
