import { z } from "zod";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { SCOPES } from "./scopes";

// What the API promises to send. Dates travel as ISO 8601 strings, money as integer fen.
const dateTime = z.iso.datetime();
const fen = z.number().int();
const Arrangements = z.array(z.enum(ARRANGEMENT_TYPES));
const Party = z.object({ id: z.string(), name: z.string(), verifiedAt: dateTime.nullable() });
const Person = z.object({ id: z.string(), displayName: z.string(), verifiedAt: dateTime.nullable() });

export const NeedCardSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  industry: z.string(),
  countyCode: z.string(),
  village: z.string().nullable(),
  budgetMinFen: fen.nullable(),
  budgetMaxFen: fen.nullable(),
  urgency: z.string(),
  arrangements: Arrangements,
  deadline: dateTime.nullable(),
  status: z.string(),
  publishedAt: dateTime.nullable(),
  organisation: Party.nullable(),
  postedBy: Person,
  applicationCount: z.number().int(),
});

export const NeedSchema = NeedCardSchema.extend({
  description: z.string(),
  productName: z.string().nullable(),
  origin: z.string().nullable(),
  story: z.string().nullable(),
  brandServices: z.array(z.string()),
  photos: z.array(z.object({ uploadId: z.string() })),
});

export const OfferCardSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  industry: z.string(),
  countiesServed: z.array(z.string()),
  arrangements: Arrangements,
  priceMinFen: fen.nullable(),
  priceMaxFen: fen.nullable(),
  status: z.string(),
  publishedAt: dateTime.nullable(),
  expert: Person.nullable(),
  organisation: Party.extend({ nameEn: z.string().nullable() }).nullable(),
});

export const OfferSchema = OfferCardSchema.extend({ description: z.string() });

export const CreatedSchema = z.object({ id: z.string() });
export const CreatedNeedSchema = z.object({ id: z.string(), published: z.boolean() });
export const CreatedApplicationSchema = z.object({ id: z.string(), status: z.string() });

const Reasons = z.array(z.looseObject({ kind: z.string() }));
export const MatchesSchema = z.object({
  offers: z.array(z.object({ id: z.string(), title: z.string(), score: z.number(), reasons: Reasons })),
  experts: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), score: z.number(), reasons: Reasons })),
});

export const OwnApplicationSchema = z.object({
  id: z.string(),
  status: z.string(),
  priceFen: fen,
  updatedAt: dateTime,
  need: z.object({ id: z.string(), title: z.string(), status: z.string(), organisation: z.object({ name: z.string() }).nullable() }),
});

export const ProgrammeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  year: z.number().int(),
  title: z.string(),
  description: z.string(),
  budgetFen: fen,
  maxAwardFen: fen.nullable(),
  eligibleCounties: z.array(z.string()),
  eligibleIndustries: z.array(z.string()),
  eligibleOrgTypes: z.array(z.string()),
  deadline: dateTime,
  status: z.string(),
  money: z.object({ budgetFen: fen, committedFen: fen, disbursedFen: fen, remainingFen: fen, uncommittedFen: fen }),
});

export const SearchResultSchema = z.object({
  type: z.enum(["needs", "offers", "experts", "services"]),
  total: z.number().int(),
  pages: z.number().int(),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  /** Cards as the search page shows them; their shape depends on `type`. */
  data: z.array(z.looseObject({ id: z.string() })),
});

const int = z.number().int();
const YearSchema = z.object({
  year: int, spacesTotal: int, spacesNew: int, demosTotal: int, demosNew: int, commissioners: int,
  needsPosted: int, needsMatched: int, medianHours: z.number().nullable(), fundedFen: fen, releasedFen: fen, disbursedFen: fen,
});
const CountySchema = z.object({
  countyCode: z.string(), spaces: int, demos: int, commissioners: int, needsPosted: int, needsMatched: int,
  medianHours: z.number().nullable(), releasedFen: fen, disbursedFen: fen, escrowFen: fen,
});
const IndustrySchema = z.object({ industry: z.string(), needsPosted: int, needsMatched: int, releasedFen: fen, disbursedFen: fen });

export const DashboardSchema = z.object({
  filters: z.object({ year: int.optional(), countyCode: z.string().optional(), industry: z.string().optional() }),
  years: z.array(YearSchema),
  targets: z.array(z.object({ year: int, metric: z.string(), min: z.number(), max: z.number(), actual: z.number(), met: z.boolean() })),
  escrowHeldFen: fen,
  counties: z.array(CountySchema),
  industries: z.array(IndustrySchema),
});

/** The token form on /account/tokens, told apart by intent. */
export const TokenIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string({ message: "api.errors.name" }).trim().min(1, "api.errors.name").max(60, "api.errors.name"),
    scopes: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(SCOPES)).min(1, "api.errors.scopes")),
    expiresInDays: z.enum(["30", "90", "365", "never"]).default("90").transform((days) => (days === "never" ? undefined : Number(days))),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1) }),
]);
