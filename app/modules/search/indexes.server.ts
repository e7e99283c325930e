import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { IndexCatalog } from "~/modules/indexing/indexer.server";
import type { FieldType, IndexDefinition, IndexName, SearchDocument } from "~/modules/indexing/search.types";
import { INDUSTRY_CODES } from "~/modules/reference/reference";

/**
 * Offers and space services are catalogue listings: found by their title, description and
 * provider, and sorted newest or cheapest first; `fields` are what each kind adds to that.
 */
function catalogueIndex(fields: Record<string, FieldType>, filterable: readonly string[]): IndexDefinition {
  return {
    fieldTypes: {
      title: "text",
      description: "text",
      provider: "text",
      ...fields,
      verified: "boolean",
      publishedAt: "number",
    },
    searchable: ["title", "description", "provider"],
    minor: ["provider"],
    filterable,
    sortable: ["publishedAt", "priceMinFen"],
  };
}

/** What each index holds and how it may be searched, filtered and sorted. */
export const INDEX_DEFINITIONS: Record<IndexName, IndexDefinition> = {
  needs: {
    fieldTypes: {
      title: "text",
      details: "text",
      description: "text",
      poster: "text",
      kind: "keyword",
      industry: "keyword",
      county: "keyword",
      arrangements: "keywords",
      status: "keyword",
      budgetMinFen: "number",
      budgetMaxFen: "number",
      budgetBand: "keyword",
      verified: "boolean",
      publishedAt: "number",
    },
    // The poster's organisation is searchable (a village looks for its own needs by name) but
    // weighs far less than what the need is about.
    searchable: ["title", "details", "description", "poster"],
    minor: ["poster"],
    filterable: [
      "kind",
      "industry",
      "county",
      "arrangements",
      "status",
      "verified",
      "budgetMaxFen",
      "budgetBand",
      "publishedAt",
    ],
    sortable: ["publishedAt", "budgetMaxFen"],
  },
  offers: catalogueIndex(
    {
      kind: "keyword",
      industry: "keyword",
      counties: "keywords",
      arrangements: "keywords",
      priceMinFen: "number",
      priceMaxFen: "number",
    },
    ["kind", "industry", "counties", "arrangements", "verified", "priceMinFen", "publishedAt"],
  ),
  experts: {
    fieldTypes: {
      name: "text",
      title: "text",
      specialties: "text",
      bio: "text",
      affiliation: "text",
      fields: "keywords",
      counties: "keywords",
      availability: "keyword",
      commissioner: "boolean",
      verified: "boolean",
    },
    // What an expert does comes first; who they are and where they work are found, but weigh least.
    searchable: ["specialties", "title", "bio", "name", "affiliation"],
    minor: ["name", "affiliation"],
    filterable: ["fields", "counties", "availability", "commissioner", "verified"],
    sortable: [],
  },
  services: catalogueIndex(
    {
      category: "keyword",
      industries: "keywords",
      counties: "keywords",
      free: "boolean",
      priceMinFen: "number",
    },
    ["category", "industries", "counties", "free", "verified", "priceMinFen", "publishedAt"],
  ),
};

export type IndexedName = keyof typeof INDEX_DEFINITIONS;
export const INDEXED_NAMES = Object.keys(INDEX_DEFINITIONS) as IndexedName[];

const time = (date: Date | null) => (date ? date.getTime() : 0);

/** What needs and offers are both indexed by, read and written alike. */
const listingSelect = {
  id: true,
  title: true,
  kind: true,
  industry: true,
  arrangements: true,
  publishedAt: true,
} as const;

function listingFields(listing: {
  id: string;
  title: string;
  kind: string;
  industry: string;
  arrangements: string[];
  publishedAt: Date | null;
}) {
  const { id, title, kind, industry, arrangements, publishedAt } = listing;
  return { id, title, kind, industry, arrangements, publishedAt: time(publishedAt) };
}

/** Budget bands for the budget facet (by the upper end, in fen); "open" when none is given. */
export const BUDGET_BANDS = [
  { band: "under_10k", max: 1_000_000 },
  { band: "10k_50k", max: 5_000_000 },
  { band: "50k_200k", max: 20_000_000 },
  { band: "over_200k", max: Number.POSITIVE_INFINITY },
] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number]["band"] | "open";

export function budgetBand(maxFen: number | null, minFen: number | null): BudgetBand {
  const top = maxFen ?? minFen;
  if (top === null) return "open";
  return BUDGET_BANDS.find((band) => top <= band.max)!.band;
}

/** Which rows each index holds; loading and counting read the same conditions. */
const INDEXED: {
  needs: Prisma.NeedWhereInput;
  offers: Prisma.OfferWhereInput;
  services: Prisma.SpaceServiceWhereInput;
  experts: Prisma.ExpertProfileWhereInput;
} = {
  // Invitation-only needs stay out of the shared index (either engine): nobody finds them by
  // searching, and a saved-search alert or a recommendation never names one.
  needs: {
    hiddenAt: null,
    invitationOnly: false,
    status: { in: ["OPEN", "IN_PROGRESS", "COMPLETED"] },
  },
  offers: { hiddenAt: null, status: "PUBLISHED" },
  services: { hiddenAt: null, status: "PUBLISHED" },
  experts: { hiddenAt: null },
};

/** How many documents the index should hold, counted without loading them. */
export function countDocuments(index: IndexedName, client: Tx = db): Promise<number> {
  if (index === "needs") return client.need.count({ where: INDEXED.needs });
  if (index === "offers") return client.offer.count({ where: INDEXED.offers });
  if (index === "services") return client.spaceService.count({ where: INDEXED.services });
  return client.expertProfile.count({ where: INDEXED.experts });
}

/**
 * The documents for the given ids as the index should now hold them. An id that is absent from
 * the result must be removed from the index (deleted, hidden, drafted or withdrawn).
 */
export async function loadDocuments(
  index: IndexedName,
  ids: string[] | "all",
  client: Tx = db,
): Promise<SearchDocument[]> {
  const idFilter = ids === "all" ? {} : { id: { in: ids } };
  if (index === "needs") {
    const needs = await client.need.findMany({
      where: { ...idFilter, ...INDEXED.needs },
      select: {
        ...listingSelect,
        description: true,
        countyCode: true,
        village: true,
        status: true,
        budgetMinFen: true,
        budgetMaxFen: true,
        productName: true,
        origin: true,
        story: true,
        organisation: { select: { name: true, verifiedAt: true } },
        postedBy: { select: { verifiedAt: true } },
      },
    });
    return needs.map((need) => ({
      ...listingFields(need),
      details: [need.productName, need.origin, need.village].filter(Boolean).join(" "),
      poster: need.organisation?.name ?? "",
      description: [need.description, need.story].filter(Boolean).join("\n"),
      county: need.countyCode,
      status: need.status,
      budgetMinFen: need.budgetMinFen,
      budgetMaxFen: need.budgetMaxFen,
      budgetBand: budgetBand(need.budgetMaxFen, need.budgetMinFen),
      verified: Boolean(need.organisation ? need.organisation.verifiedAt : need.postedBy.verifiedAt),
    }));
  }
  if (index === "offers") {
    const offers = await client.offer.findMany({
      where: { ...idFilter, ...INDEXED.offers },
      select: {
        ...listingSelect,
        description: true,
        countiesServed: true,
        priceMinFen: true,
        priceMaxFen: true,
        expert: { select: { displayName: true, verifiedAt: true } },
        organisation: { select: { name: true, verifiedAt: true } },
      },
    });
    return offers.map((offer) => ({
      ...listingFields(offer),
      description: offer.description,
      provider: [offer.expert?.displayName, offer.organisation?.name].filter(Boolean).join(" "),
      counties: offer.countiesServed,
      priceMinFen: offer.priceMinFen,
      priceMaxFen: offer.priceMaxFen,
      verified: Boolean(offer.expert ? offer.expert.verifiedAt : offer.organisation?.verifiedAt),
    }));
  }
  if (index === "services") {
    const services = await client.spaceService.findMany({
      where: { ...idFilter, ...INDEXED.services },
      select: {
        id: true,
        title: true,
        description: true,
        category: true,
        industries: true,
        countiesServed: true,
        free: true,
        priceMinFen: true,
        publishedAt: true,
        organisation: { select: { name: true, nameEn: true, verifiedAt: true } },
      },
    });
    return services.map((service) => ({
      id: service.id,
      title: service.title,
      description: service.description,
      provider: [service.organisation.name, service.organisation.nameEn].filter(Boolean).join(" "),
      category: service.category,
      // No industries means "any industry": the service then counts under every industry facet.
      industries: service.industries.length > 0 ? service.industries : [...INDUSTRY_CODES],
      counties: service.countiesServed,
      free: service.free,
      // Free is the lowest price there is, so sorting by price puts free services first.
      priceMinFen: service.free ? 0 : service.priceMinFen,
      verified: Boolean(service.organisation.verifiedAt),
      publishedAt: time(service.publishedAt),
    }));
  }
  const profiles = await client.expertProfile.findMany({
    where: { ...(ids === "all" ? {} : { userId: { in: ids } }), ...INDEXED.experts },
    select: {
      userId: true,
      title: true,
      specialties: true,
      bio: true,
      fields: true,
      countiesServed: true,
      availability: true,
      isCommissioner: true,
      affiliationText: true,
      affiliation: { select: { name: true } },
      user: { select: { displayName: true, verifiedAt: true } },
    },
  });
  return profiles.map((profile) => ({
    id: profile.userId,
    name: profile.user.displayName,
    title: profile.title,
    specialties: profile.specialties,
    bio: profile.bio,
    affiliation: profile.affiliation?.name ?? profile.affiliationText ?? "",
    fields: profile.fields,
    counties: profile.countiesServed,
    availability: profile.availability,
    commissioner: profile.isCommissioner,
    verified: Boolean(profile.user.verifiedAt),
  }));
}

/** The marketplace's indexes as the indexer is given them where it is started. */
export const SEARCH_CATALOG: IndexCatalog = {
  definitions: INDEX_DEFINITIONS,
  loadDocuments,
  countDocuments,
};
