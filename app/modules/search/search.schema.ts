import { z } from "zod";
import { ServiceCategory } from "~/generated/prisma/enums";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";

export const SEARCH_TYPES = ["needs", "offers", "experts", "services"] as const;
export const BUDGET_BAND_VALUES = ["under_10k", "10k_50k", "50k_200k", "over_200k", "open"] as const;

/**
 * The search page's URL. Anything malformed falls back to a default instead of failing: a
 * shared or hand-typed link always shows a page.
 */
export const SearchParamsSchema = z.object({
  q: z
    .string()
    .max(10_000)
    .optional()
    .catch(undefined)
    .transform((q) => (q ?? "").trim().slice(0, 200)),
  type: z.enum(SEARCH_TYPES).default("needs").catch("needs"),
  industry: z.enum(INDUSTRY_CODES).optional().catch(undefined),
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  arrangement: z.enum(ARRANGEMENT_TYPES).optional().catch(undefined),
  budget: z.enum(BUDGET_BAND_VALUES).optional().catch(undefined),
  /** Star Innovation Space services only. */
  category: z.enum(ServiceCategory).optional().catch(undefined),
  verified: z.literal("1").optional().catch(undefined),
  sort: z.enum(["relevance", "newest", "budget"]).default("relevance").catch("relevance"),
  page: z.coerce.number().int().min(1).max(500).default(1).catch(1),
});

export type SearchParams = z.infer<typeof SearchParamsSchema>;

/** The search page URL of saved parameters (without paging and sorting, which do not matter). */
export function searchHref(params: SearchParams): string {
  const entries = Object.entries({ ...params, page: undefined, sort: undefined }).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
  );
  return `/search?${new URLSearchParams(entries)}`;
}
