import { z } from "zod";
import { AgencyServiceType, BrandTradeKind } from "~/generated/prisma/enums";
import { optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { luoyangToday } from "~/utils/dates";
import { optionalUserText, userText } from "~/utils/user-text";

export const AGENCY_SERVICE_TYPES = Object.values(AgencyServiceType) as [
  AgencyServiceType,
  ...AgencyServiceType[],
];
export const BRAND_TRADE_KINDS = Object.values(BrandTradeKind) as [BrandTradeKind, ...BrandTradeKind[]];
/** The delivery of an agency: one picture (a design, a certificate, a scan) with its note. */
export const MAX_DELIVERY_FILES = 1;

const id = z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40);

/** The partner forms of a brand project's page (the intents besides BrandActionSchema's). */
export const BrandPartnerActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    agencyOrganisationId: id,
    serviceType: z.enum(AGENCY_SERVICE_TYPES, { message: "brandPartners.errors.service_type" }),
    brief: userText(5, 1000, "brandPartners.errors.brief_length", { multiline: true }),
  }),
  z.object({ intent: z.literal("accept"), engagementId: id }),
  z.object({ intent: z.literal("decline"), engagementId: id }),
  z.object({
    intent: z.literal("deliver"),
    engagementId: id,
    deliveryNote: userText(5, 2000, "brandPartners.errors.note_length", { multiline: true }),
  }),
  z.object({
    intent: z.literal("trade"),
    buyerOrganisationId: id,
    kind: z.enum(BRAND_TRADE_KINDS, { message: "brandPartners.errors.trade_kind" }),
    price: optionalYuan("brandPartners.errors.price").pipe(
      z.number({ message: "brandPartners.errors.price" }).int().min(1, "brandPartners.errors.price"),
    ),
    tradedOn: z
      .string({ message: "brandPartners.errors.traded_on" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "brandPartners.errors.traded_on")
      .refine(
        (day) =>
          !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && day >= "2015-01-01" && day <= luoyangToday(),
        "brandPartners.errors.traded_on",
      ),
    note: optionalUserText(500, "brandPartners.errors.note_length"),
  }),
]);
export type BrandPartnerAction = z.output<typeof BrandPartnerActionSchema>;
export const BRAND_PARTNER_INTENTS: readonly string[] = ["invite", "accept", "decline", "deliver", "trade"];
