import { z } from "zod";
import { BrandStage, DemoSiteStatus, DemoSiteType } from "~/generated/prisma/enums";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";

export const BRAND_STAGES = Object.values(BrandStage) as [BrandStage, ...BrandStage[]];
export const DEMO_SITE_TYPES = Object.values(DemoSiteType) as [DemoSiteType, ...DemoSiteType[]];
export const DEMO_SITE_STATUSES = Object.values(DemoSiteStatus) as [DemoSiteStatus, ...DemoSiteStatus[]];
export const MAX_STAGE_PHOTOS = 4;
export const MAX_DEMO_PHOTOS = 6;

// The brand-stage table is read by the brand page's forms, which import from here.
export { BRAND_TRANSITIONS, DEMO_TRANSITIONS } from "./creative.states";

const id = z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40);
const county = z.enum(COUNTY_CODES, { message: "errors.county_invalid" });
const optionalId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value) => value || undefined);
const note = z
  .string({ message: "creative.errors.note_length" })
  .trim()
  .min(5, "creative.errors.note_length")
  .max(2000, "creative.errors.note_length");
const reason = z
  .string({ message: "creative.errors.reason_required" })
  .trim()
  .min(2, "creative.errors.reason_required")
  .max(500, "creative.errors.reason_required");
/** 商标申请号 as printed on the filing receipt: digits only. */
const trademarkNo = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{7,12}$/, "creative.errors.trademark_format")
      .optional(),
  );

export const BrandStartSchema = z.object({
  needId: id,
  name: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "creative.errors.name_length")
    .max(40, "creative.errors.name_length"),
  /** An accepted applicant; empty means the request's poster leads with a chosen incubator. */
  leadUserId: optionalId,
  incubatorOrganisationId: optionalId,
});
type BrandStartForm = z.output<typeof BrandStartSchema>;
export type BrandStartFields = Pick<BrandStartForm, "needId" | "name"> &
  Partial<Pick<BrandStartForm, "leadUserId" | "incubatorOrganisationId">>;

/** The actions of a brand project's page. Photos come with the multipart form, not the schema. */
export const BrandActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), note }),
  z.object({
    intent: z.literal("advance"),
    to: z.enum(BRAND_STAGES),
    note,
    trademarkApplicationNo: trademarkNo,
  }),
  z.object({ intent: z.literal("launch"), note }),
  z.object({ intent: z.literal("abandon"), reason }),
]);
export type BrandAction = z.output<typeof BrandActionSchema>;

export const BrandFiltersSchema = z.object({
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  stage: z.enum(BRAND_STAGES).optional().catch(undefined),
});
export type BrandFilters = z.output<typeof BrandFiltersSchema>;

export const DemoSiteSchema = z.object({
  name: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "creative.errors.name_length")
    .max(60, "creative.errors.name_length"),
  type: z.enum(DEMO_SITE_TYPES, { message: "creative.errors.type" }),
  countyCode: county,
  village: z
    .string()
    .trim()
    .max(40, "creative.errors.village_length")
    .optional()
    .transform((value) => value || null),
  organisationId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((value) => value || null),
  description: z
    .string({ message: "errors.required" })
    .trim()
    .min(10, "creative.errors.description_length")
    .max(4000, "creative.errors.description_length"),
  areaMu: z
    .number({ message: "creative.errors.area" })
    .int("creative.errors.area")
    .min(0, "creative.errors.area")
    .max(1_000_000, "creative.errors.area")
    .optional()
    .transform((value) => value ?? null),
  removePhotoIds: checkboxes(z.string().max(40)),
});
export type DemoSiteForm = z.output<typeof DemoSiteSchema>;
export type DemoSiteFields = Omit<DemoSiteForm, "removePhotoIds">;

export const DemoStatusSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("build") }),
  z.object({ intent: z.literal("designate") }),
  z.object({ intent: z.literal("revoke"), reason }),
]);

export const DemoFiltersSchema = z.object({
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  type: z.enum(DEMO_SITE_TYPES).optional().catch(undefined),
  status: z.enum(DEMO_SITE_STATUSES).optional().catch(undefined),
});
export type DemoFilters = z.output<typeof DemoFiltersSchema>;

/** The query of GET /api/v1/brands: the /brands page's filters, with an error for a bad value. */
export const BrandsApiQuerySchema = z.object({
  county: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }).optional(),
  stage: z.enum(BRAND_STAGES, { message: "creative.errors.stage" }).optional(),
});
