import { z } from "zod";
import { optionalUserText } from "~/utils/user-text";
import { Availability } from "~/generated/prisma/enums";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { normaliseIdentifier } from "~/modules/users/users.schema";
import { isValidCreditCode, normaliseCode } from "~/modules/verification/identity-codes";

export const AVAILABILITIES = Object.values(Availability) as [Availability, ...Availability[]];
export const PROFILE_LANGUAGES = ["zh", "en"] as const;
export const MAX_MAIN_PRODUCTS = 12;

function optionalText(max: number) {
  return optionalUserText(max, "profiles.errors.too_long", { multiline: true });
}

/**
 * A contact number: a mainland mobile (stored as +86…) or a landline with its area code, which
 * universities and village committees often list (stored as "0379-12345678").
 */
const ContactPhoneSchema = z
  .string()
  .trim()
  .max(30, "profiles.errors.phone")
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const mobile = normaliseIdentifier(value);
    if (mobile?.kind === "phone") return mobile.value;
    const landline = value.replace(/[\s()（）]/g, "").match(/^(0\d{2,3})-?(\d{7,8})$/);
    if (landline) return `${landline[1]}-${landline[2]}`;
    ctx.addIssue({ code: "custom", message: "profiles.errors.phone" });
    return z.NEVER;
  });

const ContactEmailSchema = z
  .string()
  .trim()
  .max(254, "profiles.errors.email")
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const email = z.email().safeParse(value.toLowerCase());
    if (!email.success) {
      ctx.addIssue({ code: "custom", message: "profiles.errors.email" });
      return z.NEVER;
    }
    return email.data;
  });

/** Main products typed one per line, or separated by commas or 、 the way people list them. */
const MainProductsSchema = z
  .string()
  .max(600, "profiles.errors.too_long")
  .optional()
  .transform((value) => [
    ...new Set(
      (value ?? "")
        .split(/[\n,，、;；]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(30, "profiles.errors.product_length"))
      .max(MAX_MAIN_PRODUCTS, "profiles.errors.too_many_products"),
  );

/** 统一社会信用代码, optional: 18 characters whose last is the GB 32100-2015 check character. */
const OptionalCreditCodeSchema = z
  .string()
  .trim()
  .transform((value) => (value ? normaliseCode(value) : undefined))
  .refine((value) => value === undefined || isValidCreditCode(value), "profiles.errors.credit_code")
  .optional();

export const OrganisationProfileSchema = z.object({
  creditCode: OptionalCreditCodeSchema,
  legalRepresentative: optionalText(40),
  nameEn: optionalText(120),
  description: optionalText(2000),
  mainProducts: MainProductsSchema,
  countyCode: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }).optional(),
  village: optionalText(60),
  address: optionalText(200),
  contactPhone: ContactPhoneSchema,
  contactEmail: ContactEmailSchema,
});
export type OrganisationProfileInput = z.infer<typeof OrganisationProfileSchema>;

export const ExpertProfileSchema = z.object({
  title: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(60, "profiles.errors.too_long"),
  fields: checkboxes(z.enum(INDUSTRY_CODES)).pipe(
    z.array(z.enum(INDUSTRY_CODES)).min(1, "profiles.errors.fields"),
  ),
  specialties: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "profiles.errors.specialties")
    .max(300, "profiles.errors.too_long"),
  bio: optionalText(3000),
  /** An organisation the expert belongs to; otherwise the employer is typed as text. */
  affiliationId: z.string().trim().max(40).optional(),
  affiliationText: optionalText(80),
  countiesServed: checkboxes(z.enum(COUNTY_CODES)),
  availability: z.enum(AVAILABILITIES, { message: "profiles.errors.availability" }).default("AVAILABLE"),
  languages: checkboxes(z.enum(PROFILE_LANGUAGES)).pipe(
    z.array(z.enum(PROFILE_LANGUAGES)).min(1, "profiles.errors.languages"),
  ),
  contactPhone: ContactPhoneSchema,
  contactEmail: ContactEmailSchema,
});
export type ExpertProfileInput = z.infer<typeof ExpertProfileSchema>;

/** The bureau's small form on a profile page. */
export const ModerationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("hide"),
    reason: z
      .string({ message: "profiles.errors.reason_required" })
      .trim()
      .min(2, "profiles.errors.reason_required")
      .max(500, "profiles.errors.too_long"),
  }),
  z.object({ intent: z.literal("unhide") }),
]);
export type ModerationInput = z.infer<typeof ModerationSchema>;
