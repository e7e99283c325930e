import { z } from "zod";
import { boundedText } from "~/utils/text-schema";
import { listingPageNumber, listingSearchText } from "~/modules/listings/listings.schema";
import { ArrangementType, OfferKind } from "~/generated/prisma/enums";
import type { MessageKey } from "~/i18n/i18n";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { parseYuanToFen } from "~/utils/money";

export const OFFER_KINDS = Object.values(OfferKind);
export { ARRANGEMENT_TYPES };
export const OFFER_SORTS = ["newest", "price_asc", "price_desc"] as const;
export type OfferSort = (typeof OFFER_SORTS)[number];

// Cross-field rules run even when single fields failed, so every problem shows at once.
const ALWAYS = { when: () => true };

/** Why a typed amount is not a price, for a message that says what to fix. */
function priceProblem(text: string): MessageKey {
  if (/^-/.test(text)) return "offers.errors.price_negative";
  if (/^[\d,，\s]+\.\d{3,}$/.test(text)) return "offers.errors.price_decimals";
  if (/^[\d,，\s]+(\.\d{1,2})?$/.test(text)) return "offers.errors.price_too_large";
  return "offers.errors.price_invalid";
}

/**
 * A price typed in yuan, read into integer fen from the decimal text itself (never via a float,
 * so "0.29" is 29 fen, not 28.999…). Empty means "negotiable" and becomes null.
 */
export const YuanSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = raw?.trim() ?? "";
    if (text === "") return null;
    const fen = parseYuanToFen(text);
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: priceProblem(text) });
      return z.NEVER;
    }
    return fen;
  });

export const OfferFieldsSchema = z
  .object({
    kind: z.enum(OfferKind, { message: "offers.errors.kind_invalid" }),
    title: boundedText(4, 80, "offers.errors.title_length", "errors.required", { multiline: false }),
    description: boundedText(20, 4000, "offers.errors.description_length"),
    industry: z.enum(INDUSTRY_CODES, { message: "offers.errors.industry_invalid" }),
    countiesServed: z
      .array(z.enum(COUNTY_CODES, { message: "errors.county_invalid" }), {
        message: "offers.errors.counties_required",
      })
      .min(1, "offers.errors.counties_required")
      .transform((codes) => [...new Set(codes)]),
    arrangements: z
      .array(z.enum(ArrangementType, { message: "offers.errors.arrangements_required" }), {
        message: "offers.errors.arrangements_required",
      })
      .min(1, "offers.errors.arrangements_required")
      .transform((types) => [...new Set(types)]),
    priceMin: YuanSchema,
    priceMax: YuanSchema,
    /** Empty: the expert's own offer. Otherwise the institution it is posted for. */
    organisationId: z.string().trim().max(40).optional(),
  })
  .superRefine((form, ctx) => {
    if (
      typeof form.priceMin === "number" &&
      typeof form.priceMax === "number" &&
      form.priceMin > form.priceMax
    ) {
      ctx.addIssue({ code: "custom", path: ["priceMax"], message: "offers.errors.price_range" });
    }
  }, ALWAYS)
  .transform(({ priceMin, priceMax, ...rest }) => ({
    ...rest,
    priceMinFen: priceMin,
    priceMaxFen: priceMax,
  }));

/** What a service needs to write an offer: the form's fields, prices in fen. */
export type OfferFields = z.output<typeof OfferFieldsSchema>;

/** The new/edit form: the fields plus which of its two buttons was pressed. */
export const OfferFormSchema = z
  .object({ intent: z.enum(["save", "publish"]).default("save") })
  .and(OfferFieldsSchema);

export type OfferFormInput = z.output<typeof OfferFormSchema>;

/** The buttons of an offer's page: a discriminated union on `intent`. */
export const OfferActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({
    intent: z.literal("hide"),
    reason: boundedText(2, 500, "offers.errors.reason_length", "offers.errors.reason_length"),
  }),
  z.object({ intent: z.literal("unhide") }),
]);

/**
 * The list's filters from the URL. A value that does not fit (an old link, a hand-edited URL)
 * is dropped rather than turned into an error page.
 */
export const OfferFiltersSchema = z.object({
  industry: z.enum(INDUSTRY_CODES).optional().catch(undefined),
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  arrangement: z.enum(ArrangementType).optional().catch(undefined),
  kind: z.enum(OfferKind).optional().catch(undefined),
  verified: z
    .string()
    .optional()
    .transform((value) => value === "1" || value === "on" || value === "true")
    .catch(false),
  q: listingSearchText,
  sort: z.enum(OFFER_SORTS).catch("newest").default("newest"),
  page: listingPageNumber,
});

export type OfferFilters = z.output<typeof OfferFiltersSchema>;

export function parseOfferFilters(searchParams: URLSearchParams): OfferFilters {
  return OfferFiltersSchema.parse(Object.fromEntries(searchParams));
}
