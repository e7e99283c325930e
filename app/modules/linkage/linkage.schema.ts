import { z } from "zod";
import { requiredYuan } from "~/modules/marketplace/marketplace.schema";
import { photoFilesField } from "~/modules/uploads/photo-files.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { optionalUserText, userText } from "~/utils/user-text";

/** 利益联结机制 (plan §4.1), in the order forms and tables show them. */
export const MECHANISMS = ["DIVIDEND", "WAGE", "LAND_RENT", "CONTRACT_PURCHASE", "SHARES"] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** Organisation types that record linkages: village-side producers and enterprises. */
export const LINKAGE_ORG_TYPES = ["COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER", "ENTERPRISE"] as const;

export const MAX_EVIDENCE_PHOTOS = 6;
/** One payment of at most one million yuan to one household: far above any dividend or wage. */
const MAX_PAYMENT_FEN = 100_000_000;

/** A calendar day typed as YYYY-MM-DD that exists (no 2027-02-30). */
export function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const day = (message: string) =>
  z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isCalendarDay, message);

const optionalId = z
  .string()
  .trim()
  .max(40, "linkage.errors.id")
  .optional()
  .transform((value) => value || undefined);

export const IdSchema = z.string().trim().min(1).max(40);

export const NewLinkageSchema = z.object({
  organisationId: z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40),
  householdCode: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(40, "linkage.errors.household_code")
    .regex(/^[0-9A-Za-z-]+$/, "linkage.errors.household_code"),
  mechanism: z.enum(MECHANISMS, { message: "linkage.errors.mechanism" }),
  terms: userText(4, 2000, "linkage.errors.terms", { multiline: true }),
  startedOn: day("linkage.errors.day"),
  agreementId: optionalId,
  programmeApplicationId: optionalId,
});
export type NewLinkageFields = z.output<typeof NewLinkageSchema>;

export const PaymentSchema = z.object({
  intent: z.literal("pay"),
  periodStart: day("linkage.errors.day"),
  periodEnd: day("linkage.errors.day"),
  paidOn: day("linkage.errors.day"),
  amount: requiredYuan("linkage.errors.amount").refine(
    (fen) => fen > 0 && fen <= MAX_PAYMENT_FEN,
    "linkage.errors.amount",
  ),
  note: optionalUserText(500, "linkage.errors.note", { multiline: true }),
  photos: photoFilesField(MAX_EVIDENCE_PHOTOS, {
    tooMany: "linkage.errors.photos_too_many",
    tooLarge: "linkage.errors.photos_too_large",
  }),
});
export type PaymentFields = Omit<z.output<typeof PaymentSchema>, "photos" | "intent">;

export const EndLinkageSchema = z.object({
  intent: z.literal("end"),
  endedOn: day("linkage.errors.day"),
});

export const LinkageActionSchema = z.discriminatedUnion("intent", [PaymentSchema, EndLinkageSchema]);

/** The bureau and county read view's filter. */
export const OverviewFilterSchema = z.object({
  countyCode: z.enum(COUNTY_CODES).optional().catch(undefined),
  mechanism: z.enum(MECHANISMS).optional().catch(undefined),
});

/** GET /api/v1/benefit-linkages: a year (Luoyang) and optionally one county. */
export const LinkageAggregateQuerySchema = z.object({
  year: z.coerce.number().int().min(2016).max(2100).optional(),
  countyCode: z.enum(COUNTY_CODES).optional(),
});
