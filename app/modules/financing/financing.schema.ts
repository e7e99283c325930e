import { z } from "zod";
import { requiredYuan } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";

export const COLLATERAL_KINDS = [
  "NONE",
  "LAND_RIGHTS",
  "EQUIPMENT",
  "RECEIVABLES",
  "GUARANTOR",
  "PROPERTY",
  "OTHER",
] as const;
export const FINANCING_PRODUCTS = ["LOAN", "GUARANTEE", "EQUITY", "MICROCREDIT", "INSURANCE"] as const;
export const OUTCOME_KINDS = ["LOAN", "GUARANTEE", "EQUITY"] as const;
export const NEED_STATUSES = ["OPEN", "ANSWERED", "CLOSED", "WITHDRAWN"] as const;

/** The most a single need or offer may ask for: ¥1 亿, far above any cooperative loan. */
export const MAX_FINANCING_FEN = 10_000_000_000;

const Id = z.string().trim().min(1).max(40);

const amount = requiredYuan("financing.errors.amount").refine(
  (fen) => fen > 0 && fen <= MAX_FINANCING_FEN,
  "financing.errors.amount",
);

/** Months as typed (a form field) or sent (JSON): 1 to 360. */
const termMonths = z.coerce
  .number({ message: "financing.errors.term" })
  .int("financing.errors.term")
  .min(1, "financing.errors.term")
  .max(360, "financing.errors.term");

const optionalId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value) => value || undefined);

export const PostNeedSchema = z.object({
  intent: z.literal("post").default("post"),
  organisationId: Id,
  amount,
  use: z
    .string({ message: "financing.errors.use" })
    .trim()
    .min(4, "financing.errors.use")
    .max(2000, "needs.errors.too_long"),
  termMonths,
  collateralKind: z.enum(COLLATERAL_KINDS, { message: "financing.errors.collateral" }),
  collateralText: z.string().trim().max(500, "needs.errors.too_long").default(""),
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }),
  programmeApplicationId: optionalId,
  agreementId: optionalId,
});
export type PostNeedInput = z.output<typeof PostNeedSchema>;

/** An institution's offer; the rate is typed in percent ("4.35") and kept in basis points. */
const ratePercent = z
  .string({ message: "financing.errors.rate" })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "financing.errors.rate")
  .transform((text) => {
    const [whole, part = ""] = text.split(".");
    return Number(whole) * 100 + Number(part.padEnd(2, "0"));
  })
  .refine((bp) => bp <= 10_000, "financing.errors.rate");

export const OfferFieldsSchema = z.object({
  organisationId: optionalId,
  product: z.enum(FINANCING_PRODUCTS, { message: "financing.errors.product" }),
  amount,
  rate: ratePercent,
  termMonths,
  conditions: z.string().trim().max(2000, "needs.errors.too_long").default(""),
});
export type OfferInput = z.output<typeof OfferFieldsSchema>;

/** The API's offer body: amounts in integer fen and the rate in basis points, as the API speaks. */
export const ApiOfferBodySchema = z.strictObject({
  organisationId: z.string().min(1).max(40).optional(),
  product: z.enum(FINANCING_PRODUCTS),
  amountFen: z.number().int().positive().max(MAX_FINANCING_FEN),
  rateBp: z.number().int().min(0).max(10_000),
  termMonths: z.number().int().min(1).max(360),
  conditions: z.string().trim().max(2000).default(""),
});

const dealDate = z
  .string({ message: "financing.errors.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "financing.errors.date")
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), "financing.errors.date");

export const NeedActionSchema = z.discriminatedUnion("intent", [
  OfferFieldsSchema.extend({ intent: z.literal("offer") }),
  z.object({ intent: z.literal("accept"), offerId: Id }),
  z.object({ intent: z.literal("decline"), offerId: Id }),
  z.object({ intent: z.literal("withdrawOffer"), offerId: Id }),
  z.object({ intent: z.literal("withdrawNeed") }),
  z.object({
    intent: z.literal("record"),
    kind: z.enum(OUTCOME_KINDS, { message: "financing.errors.kind" }),
    amount,
    dealDate,
  }),
  z.object({ intent: z.literal("confirm") }),
  z.object({
    intent: z.literal("reject"),
    reason: z
      .string({ message: "financing.errors.reason" })
      .trim()
      .min(2, "financing.errors.reason")
      .max(500, "needs.errors.too_long"),
  }),
]);
export type NeedAction = z.output<typeof NeedActionSchema>;

export const NeedListQuerySchema = z.object({
  status: z.enum(NEED_STATUSES).optional().catch(undefined),
  mine: z
    .string()
    .optional()
    .transform((value) => value === "1"),
});

export const ApiNeedListQuerySchema = z.object({
  countyCode: z.enum(COUNTY_CODES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const IdParamsSchema = z.object({ id: Id });
