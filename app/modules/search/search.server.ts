import { db } from "~/db.server";
import { getNeedCards, publishedWhere } from "~/modules/needs/needs.queries.server";
import { getOfferCards } from "~/modules/offers/offers.server";
import { getServiceCards } from "~/modules/spaces/spaces.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import type { Filter, SearchRequest, SearchResponse } from "~/modules/indexing/search.types";
import type { SearchParams } from "./search.schema";
import { SEARCH_DICTIONARY } from "~/modules/indexing/dictionary";
import { expandQuery } from "~/modules/indexing/query.server";
import { isStopWord } from "~/modules/indexing/stop-words";

export const RESULTS_PER_PAGE = 20;

const FACETS = {
  needs: {
    industry: "industry",
    county: "county",
    arrangement: "arrangements",
    budget: "budgetBand",
    verified: "verified",
  },
  offers: { industry: "industry", county: "counties", arrangement: "arrangements", verified: "verified" },
  experts: { industry: "fields", county: "counties", verified: "verified" },
  services: { industry: "industries", county: "counties", category: "category", verified: "verified" },
} as const;

type FacetKey = "industry" | "county" | "arrangement" | "budget" | "category" | "verified";

export function requestFor(params: SearchParams): SearchRequest {
  const fields: Partial<Record<FacetKey, string>> = FACETS[params.type];
  const filters: Filter[] = [];
  const add = (key: FacetKey, value: string | undefined) => {
    const field = fields[key];
    if (field && value) filters.push({ field, op: "eq", value: key === "verified" ? true : value });
  };
  add("industry", params.industry);
  add("county", params.county);
  add("arrangement", params.arrangement);
  add("budget", params.budget);
  add("category", params.category);
  add("verified", params.verified);
  if (params.type === "needs") filters.push({ field: "status", op: "eq", value: "OPEN" });
  const sortField =
    params.type === "needs"
      ? { newest: "publishedAt", budget: "budgetMaxFen" }
      : params.type === "offers" || params.type === "services"
        ? { newest: "publishedAt", budget: "priceMinFen" }
        : {};
  const field = params.sort === "relevance" ? undefined : sortField[params.sort];
  return {
    q: params.q,
    filters,
    facets: Object.values(fields),
    sort: field
      ? { field, direction: params.sort === "newest" || params.type === "needs" ? "desc" : "asc" }
      : undefined,
    limit: RESULTS_PER_PAGE,
    offset: (params.page - 1) * RESULTS_PER_PAGE,
  };
}

function getExpertCards(ids: readonly string[]) {
  return db.expertProfile
    .findMany({
      where: { userId: { in: [...ids] }, hiddenAt: null },
      select: {
        userId: true,
        title: true,
        specialties: true,
        isCommissioner: true,
        countiesServed: true,
        user: { select: { displayName: true, verifiedAt: true } },
        affiliation: { select: { name: true } },
      },
    })
    .then((rows) => {
      const byId = new Map(rows.map((row) => [row.userId, row]));
      return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
    });
}

/**
 * The words to highlight: the query split and widened the way the engine widens it (without
 * the index's vocabulary), longest first. Stop words are never highlighted, even when a query
 * of nothing else is searched for them.
 */
export function highlightTerms(q: string): string[] {
  return expandQuery(q, SEARCH_DICTIONARY)
    .map(({ word }) => word)
    .filter((word) => !isStopWord(word))
    .sort((a, b) => b.length - a.length);
}

/**
 * One search of the marketplace: the engine ranks and counts, the database supplies the cards
 * (so a card never shows stale or hidden content even if the index lags a moment).
 */
export async function searchMarketplace(params: SearchParams) {
  let response: SearchResponse;
  let degraded = false;
  try {
    response = await getSearchEngine().search(params.type, requestFor(params));
  } catch {
    // The engine is unreachable (Meilisearch down): answer from the database, and say so.
    degraded = true;
    response = await searchDatabase(params);
  }
  const ids = response.hits.map((hit) => hit.id);
  const base = {
    degraded,
    total: response.total,
    facets: response.facets,
    terms: highlightTerms(params.q),
    pages: Math.max(1, Math.ceil(response.total / RESULTS_PER_PAGE)),
  };
  if (params.type === "needs") return { ...base, type: "needs" as const, needs: await getNeedCards(ids) };
  if (params.type === "offers") return { ...base, type: "offers" as const, offers: await getOfferCards(ids) };
  if (params.type === "services")
    return { ...base, type: "services" as const, services: await getServiceCards(ids) };
  return { ...base, type: "experts" as const, experts: await getExpertCards(ids) };
}

/**
 * The fallback while the engine is down: needs by a plain title/description match, newest first,
 * with the filters the needs list has (no facets, no synonyms). Other types show none; the page
 * tells the person search is degraded either way.
 */
async function searchDatabase(params: SearchParams): Promise<SearchResponse> {
  if (params.type !== "needs") return { hits: [], total: 0, facets: {} };
  const where = publishedWhere({
    q: params.q || undefined,
    industry: params.industry as never,
    county: params.county as never,
    arrangement: params.arrangement as never,
    verified: params.verified,
  });
  const [total, rows] = await Promise.all([
    db.need.count({ where }),
    db.need.findMany({
      where,
      select: { id: true },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (params.page - 1) * RESULTS_PER_PAGE,
      take: RESULTS_PER_PAGE,
    }),
  ]);
  return { hits: rows, total, facets: {} };
}

export const FACET_FIELDS = FACETS;
