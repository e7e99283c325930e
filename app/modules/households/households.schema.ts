import { z } from "zod";
import { HouseholdLinkKind, HouseholdStatus, SupportMeasure, VillageStatus } from "~/generated/prisma/enums";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { optionalUserText, userText } from "~/utils/user-text";

export const VILLAGE_STATUSES = Object.values(VillageStatus);
export const HOUSEHOLD_STATUSES = Object.values(HouseholdStatus);
export const SUPPORT_MEASURES = Object.values(SupportMeasure);
export const LINK_KINDS = Object.values(HouseholdLinkKind);

/** The years a status may name: the plan's records start in 2014 (建档立卡), none in the future. */
export const FIRST_YEAR = 2014;

/** A year as a form or URL gives it; the upper bound (this year) is checked by the service. */
const Year = z.coerce
  .number({ message: "households.errors.year" })
  .int("households.errors.year")
  .min(FIRST_YEAR, "households.errors.year")
  .max(2100, "households.errors.year");

const Id = z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40, "error.404");

export const VillageFilterSchema = z.object({
  countyCode: z.enum(COUNTY_CODES).optional().catch(undefined),
  township: z.string().trim().max(40).optional().catch(undefined),
});

export const CreateVillageSchema = z.object({
  // A county officer's village is in the officer's county whatever the form says.
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }).optional(),
  township: userText(2, 40, "households.errors.township"),
  name: userText(2, 40, "households.errors.village_name"),
});

export const VillageActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    year: Year,
    status: z.enum(VILLAGE_STATUSES, { message: "households.errors.village_status" }),
    note: optionalUserText(500, "needs.errors.too_long"),
  }),
  z.object({ intent: z.literal("organisation"), organisationId: Id }),
  z.object({ intent: z.literal("unlinkOrganisation"), organisationId: Id }),
]);

/** 建档立卡户编号: letters, digits and dashes. */
const HouseholdCode = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(30, "households.errors.code")
  .regex(/^[A-Za-z0-9-]+$/, "households.errors.code")
  .transform((value) => value.toUpperCase());

/** Of the ID number, only the last four characters: three digits and a digit or X. */
export const IdLast4 = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.toUpperCase() : undefined))
  .pipe(
    z
      .string()
      .regex(/^[0-9]{3}[0-9X]$/, "households.errors.id_last4")
      .optional(),
  );

const Size = z.coerce
  .number({ message: "households.errors.size" })
  .int("households.errors.size")
  .min(1, "households.errors.size")
  .max(30, "households.errors.size");

export const RecordHouseholdSchema = z.object({
  code: HouseholdCode,
  headName: userText(2, 20, "households.errors.head_name"),
  idLast4: IdLast4,
  size: Size,
  status: z.enum(HOUSEHOLD_STATUSES, { message: "households.errors.status" }),
  year: Year,
  measures: checkboxes(z.enum(SUPPORT_MEASURES, { message: "households.errors.measure" })),
});

export const HouseholdActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("edit"),
    size: Size,
    measures: checkboxes(z.enum(SUPPORT_MEASURES, { message: "households.errors.measure" })),
  }),
  z.object({
    intent: z.literal("status"),
    to: z.enum(HOUSEHOLD_STATUSES, { message: "households.errors.status" }),
    year: Year,
    reason: userText(2, 500, "households.errors.reason"),
  }),
  z.object({
    intent: z.literal("link"),
    kind: z.enum(LINK_KINDS, { message: "households.errors.link_kind" }),
    targetId: Id,
    note: optionalUserText(200, "needs.errors.too_long"),
  }),
  z.object({ intent: z.literal("endLink"), linkId: Id }),
]);

/** The household page's request for the head's name in full (`?reveal=household`). */
export function wantsHouseholdReveal(request: Request): boolean {
  return new URL(request.url).searchParams.get("reveal") === "household";
}

/** GET /api/v1/villages: the public list, by county and township. */
export const VillagesApiQuerySchema = z.object({
  county: z.enum(COUNTY_CODES, { message: "api.errors.county" }).optional(),
  township: z.string().trim().min(1).max(40).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
