import { z } from "zod";
import { boundedText } from "~/utils/text-schema";
import { listingPageNumber, listingSearchText } from "~/modules/listings/listings.schema";
import { ServiceCategory } from "~/generated/prisma/enums";
import { checkboxes, optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";

export const SERVICE_CATEGORIES = Object.values(ServiceCategory) as [ServiceCategory, ...ServiceCategory[]];
export const SERVICE_SORTS = ["newest", "price_asc"] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];

// Cross-field rules run even when single fields failed, so every problem shows at once.
const ALWAYS = { when: () => true };

const yuan = optionalYuan("spaces.errors.price_invalid");
const turnaround = "spaces.errors.turnaround";

/**
 * The fields of a space service. Prices arrive as yuan text and are read only when the service is
 * not free: ticking "free" makes whatever the price boxes still hold irrelevant, not an error.
 */
export const ServiceFieldsSchema = z
  .object({
    category: z.enum(ServiceCategory, { message: "spaces.errors.category" }),
    title: boundedText(4, 80, "spaces.errors.title_length", "errors.required", { multiline: false }),
    description: boundedText(20, 4000, "spaces.errors.description_length"),
    industries: checkboxes(z.enum(INDUSTRY_CODES, { message: "spaces.errors.industry_invalid" })).transform(
      (codes) => [...new Set(codes)],
    ),
    countiesServed: checkboxes(z.enum(COUNTY_CODES, { message: "errors.county_invalid" }))
      .pipe(z.array(z.enum(COUNTY_CODES)).min(1, "spaces.errors.counties_required"))
      .transform((codes) => [...new Set(codes)]),
    free: z.boolean().default(false),
    priceMin: z.string().trim().optional(),
    priceMax: z.string().trim().optional(),
    turnaroundDays: z
      .number({ message: turnaround })
      .int(turnaround)
      .min(1, turnaround)
      .max(365, turnaround)
      .optional(),
    /** Which space the service is for; needed only when the user manages more than one. */
    organisationId: z.string().trim().max(40).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.free === true) return;
    const min = yuan.safeParse(form.priceMin);
    const max = yuan.safeParse(form.priceMax);
    if (!min.success)
      ctx.addIssue({ code: "custom", path: ["priceMin"], message: "spaces.errors.price_invalid" });
    if (!max.success)
      ctx.addIssue({ code: "custom", path: ["priceMax"], message: "spaces.errors.price_invalid" });
    if (
      min.success &&
      max.success &&
      min.data !== undefined &&
      max.data !== undefined &&
      min.data > max.data
    ) {
      ctx.addIssue({ code: "custom", path: ["priceMax"], message: "spaces.errors.price_range" });
    }
  }, ALWAYS)
  .transform(({ priceMin, priceMax, ...rest }) => ({
    ...rest,
    priceMinFen: rest.free ? null : (yuan.parse(priceMin) ?? null),
    priceMaxFen: rest.free ? null : (yuan.parse(priceMax) ?? null),
  }));

/** What a service needs to write a space service: the form's fields, prices in fen (null when free or negotiable). */
export type ServiceFields = z.output<typeof ServiceFieldsSchema>;

/** The new/edit form: the fields plus which of its two buttons was pressed. */
export const ServiceFormSchema = z
  .object({ intent: z.enum(["save", "publish"]).default("save") })
  .and(ServiceFieldsSchema);

/** The buttons of a service's page: a discriminated union on `intent`. */
export const ServiceActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({
    intent: z.literal("hide"),
    reason: boundedText(2, 500, "spaces.errors.reason_length", "spaces.errors.reason_length"),
  }),
  z.object({ intent: z.literal("unhide") }),
]);

const flag = z
  .string()
  .optional()
  .transform((value) => value === "1" || value === "on" || value === "true")
  .catch(false);

/**
 * The catalogue's filters from the URL. A value that does not fit (an old link, a hand-edited
 * URL) is dropped rather than turned into an error page.
 */
export const ServiceFiltersSchema = z.object({
  category: z.enum(ServiceCategory).optional().catch(undefined),
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  industry: z.enum(INDUSTRY_CODES).optional().catch(undefined),
  free: flag,
  verified: flag,
  q: listingSearchText,
  sort: z.enum(SERVICE_SORTS).catch("newest").default("newest"),
  page: listingPageNumber,
});

export type ServiceFilters = z.output<typeof ServiceFiltersSchema>;

export function parseServiceFilters(searchParams: URLSearchParams): ServiceFilters {
  return ServiceFiltersSchema.parse(Object.fromEntries(searchParams));
}
