import { z } from "zod";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";

/** What the county map can colour the counties by. */
export const MAP_METRICS = ["spaces", "demos", "commissioners", "needsPosted"] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

// Filters come from a GET form and hand-editable links: a bad value means "no filter", not an error.
export const DashboardFiltersSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  countyCode: z.enum(COUNTY_CODES).optional().catch(undefined),
  industry: z.enum(INDUSTRY_CODES).optional().catch(undefined),
  map: z.enum(MAP_METRICS).default("spaces").catch("spaces"),
});

export type DashboardQuery = z.infer<typeof DashboardFiltersSchema>;

export function parseDashboardFilters(params: URLSearchParams): DashboardQuery {
  // An empty select ("all") arrives as "", which is the same as leaving the field out.
  const entries = [...params.entries()].filter(([, value]) => value !== "");
  return DashboardFiltersSchema.parse(Object.fromEntries(entries));
}

/** The query string of a filtered page or export, without empty fields. */
export function dashboardQuery(filters: Partial<DashboardQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
