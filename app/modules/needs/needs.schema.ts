import { z } from "zod";
import { photoFilesField } from "~/modules/uploads/photo-files.schema";
import { boundedText } from "~/utils/text-schema";
import { ARRANGEMENT_TYPES, checkboxes, optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { endOfDayInLuoyang } from "~/utils/dates";

import { BRAND_SERVICES, MAX_NEED_PHOTOS, NEED_KINDS, URGENCIES } from "./needs.constants";
import { optionalUserText } from "~/utils/user-text";

export { BRAND_SERVICES, MAX_NEED_PHOTOS, NEED_KINDS, URGENCIES } from "./needs.constants";

const ALWAYS = { when: () => true };

const photoFiles = photoFilesField(MAX_NEED_PHOTOS, {
  tooMany: "needs.errors.photos_too_many",
  tooLarge: "needs.errors.photo_too_large",
});

export const NeedFormSchema = z
  .object({
    intent: z.enum(["save", "publish"]).default("save"),
    organisationId: z.string().optional(),
    kind: z.enum(NEED_KINDS).default("TECHNICAL"),
    title: boundedText(4, 80, "needs.errors.title_length", "errors.required", { multiline: false }),
    description: boundedText(20, 4000, "needs.errors.description_length"),
    industry: z.enum(INDUSTRY_CODES, { message: "needs.errors.industry" }),
    countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }),
    village: optionalUserText(60, "needs.errors.too_long"),
    budgetMin: optionalYuan("needs.errors.money"),
    budgetMax: optionalYuan("needs.errors.money"),
    urgency: z.enum(URGENCIES).default("NORMAL"),
    arrangements: checkboxes(z.enum(ARRANGEMENT_TYPES)).pipe(
      z.array(z.enum(ARRANGEMENT_TYPES)).min(1, "needs.errors.arrangements"),
    ),
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "needs.errors.deadline")
      .optional()
      .refine((day) => !day || endOfDayInLuoyang(day).getTime() > Date.now(), "needs.errors.deadline"),
    productName: optionalUserText(60, "needs.errors.too_long"),
    origin: optionalUserText(60, "needs.errors.too_long"),
    story: optionalUserText(2000, "needs.errors.too_long", { multiline: true }),
    brandServices: checkboxes(z.enum(BRAND_SERVICES)),
    /** A checkbox ("on") in the form, a boolean in the API; absent means open to every expert. */
    invitationOnly: z.preprocess(
      (value) => value === true || value === "on" || value === "true",
      z.boolean(),
    ),
    photos: photoFiles,
    removePhotoIds: checkboxes(z.string()),
  })
  .superRefine((form, ctx) => {
    if (
      typeof form.budgetMin === "number" &&
      typeof form.budgetMax === "number" &&
      form.budgetMin > form.budgetMax
    ) {
      ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "needs.errors.budget_order" });
    }
    if (form.kind === "BRANDING") {
      if (!form.productName)
        ctx.addIssue({ code: "custom", path: ["productName"], message: "needs.errors.product_name" });
      if (!form.brandServices?.length) {
        ctx.addIssue({ code: "custom", path: ["brandServices"], message: "needs.errors.brand_services" });
      }
    }
  }, ALWAYS);

export type NeedFormInput = z.infer<typeof NeedFormSchema>;
export type NeedFields = Omit<NeedFormInput, "intent" | "photos" | "removePhotoIds" | "organisationId">;

export const NeedFiltersSchema = z.object({
  industry: z.enum(INDUSTRY_CODES).optional().catch(undefined),
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  arrangement: z.enum(ARRANGEMENT_TYPES).optional().catch(undefined),
  kind: z.enum(NEED_KINDS).optional().catch(undefined),
  status: z.enum(["OPEN", "IN_PROGRESS", "COMPLETED"]).optional().catch(undefined),
  verified: z.literal("1").optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(["newest", "deadline", "budget"]).default("newest").catch("newest"),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});

export type NeedFilters = z.infer<typeof NeedFiltersSchema>;

export const HideSchema = z.object({
  reason: z
    .string({ message: "needs.errors.reason_required" })
    .trim()
    .min(2, "needs.errors.reason_required")
    .max(500),
});
