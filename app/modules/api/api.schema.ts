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

/** Where a listing (an offer, a space's service) stands after a write. */
export const ListingStateSchema = z.object({
  id: z.string(),
  status: z.enum(["DRAFT", "PUBLISHED", "WITHDRAWN"]),
});

export const ServiceSchema = z.object({
  id: z.string(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  industries: z.array(z.string()),
  countiesServed: z.array(z.string()),
  free: z.boolean(),
  priceMinFen: fen.nullable(),
  priceMaxFen: fen.nullable(),
  turnaroundDays: z.number().int().nullable(),
  status: z.enum(["DRAFT", "PUBLISHED", "WITHDRAWN"]),
  publishedAt: dateTime.nullable(),
  updatedAt: dateTime,
  organisation: Party.extend({ nameEn: z.string().nullable() }),
});

export const CreatedSchema = z.object({ id: z.string() });
export const CreatedNeedSchema = z.object({ id: z.string(), published: z.boolean() });
export const CreatedApplicationSchema = z.object({ id: z.string(), status: z.string() });

const Reasons = z.array(z.looseObject({ kind: z.string() }));
export const MatchesSchema = z.object({
  offers: z.array(z.object({ id: z.string(), title: z.string(), score: z.number(), reasons: Reasons })),
  experts: z.array(
    z.object({ id: z.string(), name: z.string(), title: z.string(), score: z.number(), reasons: Reasons }),
  ),
});

export const OwnApplicationSchema = z.object({
  id: z.string(),
  status: z.string(),
  priceFen: fen,
  updatedAt: dateTime,
  need: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    organisation: z.object({ name: z.string() }).nullable(),
  }),
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
  applicantKinds: z.array(z.string()),
  /** 利益联结: evaluation of its projects checks payments to households (issue 23). */
  requiresBenefitLinkage: z.boolean(),
  deadline: dateTime,
  status: z.string(),
  money: z.object({
    budgetFen: fen,
    committedFen: fen,
    disbursedFen: fen,
    remainingFen: fen,
    uncommittedFen: fen,
  }),
});

export const SearchResultSchema = z.object({
  type: z.enum(["needs", "offers", "experts", "services"]),
  total: z.number().int(),
  pages: z.number().int(),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  /** Cards as the search page shows them; their shape depends on `type`. */
  data: z.array(z.looseObject({ id: z.string() })),
  /** The next page's cursor (it wraps the page number), or null on the last page. */
  nextCursor: z.string().nullable(),
});

const int = z.number().int();
/** The needs figures every breakdown of the dashboard reports. */
const needFigures = { needsPosted: int, needsMatched: int };
/** The money figures every breakdown reports: released from escrow, disbursed by programmes. */
const paidFigures = { releasedFen: fen, disbursedFen: fen };
/** The dashboard's one definition of a first response (first-response.server.ts). */
const medianHours = z
  .number()
  .nullable()
  .describe(
    "Median hours from a need's publication to its first application by an expert (an invited expert accepts by applying); an application older than the publication counts as 0 hours; hidden needs are left out; one decimal; null without any answered need.",
  );
const YearSchema = z.object({
  year: int,
  spacesTotal: int,
  spacesNew: int,
  demosTotal: int,
  demosNew: int,
  commissioners: int,
  ...needFigures,
  medianHours,
  fundedFen: fen,
  ...paidFigures,
});
const CountySchema = z.object({
  countyCode: z.string(),
  spaces: int,
  demos: int,
  commissioners: int,
  ...needFigures,
  medianHours,
  ...paidFigures,
  escrowFen: fen.describe(
    "Held in escrow now for agreements of this county: the need's county, else the payer organisation's, else the payee organisation's.",
  ),
});
const IndustrySchema = z.object({ industry: z.string(), ...needFigures, ...paidFigures });

// ── benefit linkage (issue 23) ──
const linkageFigures = {
  householdsReached: int.describe(
    "Distinct households with a household link (project, agreement, training, enterprise) open at any time in the period, or a benefit-linkage payment paid in it.",
  ),
  moneyToHouseholdsFen: fen.describe("Benefit-linkage payments paid to households in the period."),
  byMechanism: z.object({ DIVIDEND: fen, WAGE: fen, LAND_RENT: fen, CONTRACT_PURCHASE: fen, SHARES: fen }),
};
const LinkageYearSchema = z.object({ year: int, ...linkageFigures });
const LinkageCountySchema = z.object({ countyCode: z.string(), ...linkageFigures });

export const BenefitLinkageAggregatesSchema = z.object({
  year: int,
  countyCode: z.string().nullable(),
  rows: z.array(
    z.object({
      organisationId: z.string(),
      organisationName: z.string(),
      countyCode: z.string(),
      mechanism: z.enum(["DIVIDEND", "WAGE", "LAND_RENT", "CONTRACT_PURCHASE", "SHARES"]),
      month: z.string().describe("The Luoyang month the payments were paid in, YYYY-MM."),
      households: int.describe("Distinct households paid; no personal data is published."),
      payments: int,
      amountFen: fen,
    }),
  ),
});

export const DashboardSchema = z.object({
  filters: z.object({
    year: int.optional(),
    countyCode: z.string().optional(),
    industry: z.string().optional(),
  }),
  years: z.array(YearSchema),
  targets: z.array(
    z.object({
      year: int,
      metric: z.string(),
      min: z.number(),
      max: z.number(),
      actual: z.number(),
      met: z.boolean(),
    }),
  ),
  escrowHeldFen: fen,
  counties: z.array(CountySchema),
  industries: z.array(IndustrySchema),
  // financing (issue 23)
  financing: z
    .object({
      financingNeedsPosted: int,
      financingMobilisedFen: fen,
      financingLoanFen: fen,
      financingGuaranteeFen: fen,
      financingEquityFen: fen,
    })
    .describe(
      "Financing needs posted and financing confirmed by the lender (by deal date), for the year and county filters.",
    ),
  linkage: z.object({ years: z.array(LinkageYearSchema), counties: z.array(LinkageCountySchema) }),
});

/** The token form on /account/tokens, told apart by intent. */
export const TokenIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z
      .string({ message: "api.errors.name" })
      .trim()
      .min(1, "api.errors.name")
      .max(60, "api.errors.name"),
    scopes: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.enum(SCOPES)).min(1, "api.errors.scopes"),
    ),
    expiresInDays: z
      .enum(["30", "90", "365", "never"])
      .default("90")
      .transform((days) => (days === "never" ? undefined : Number(days))),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1) }),
]);

// Conversations, agreements, milestones and wallets.

export const ConversationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  needTitle: z.string().nullable(),
  agreementTitle: z.string().nullable(),
  applicantName: z.string().nullable(),
  otherName: z.string().nullable(),
  lastMessage: z
    .object({
      body: z.string(),
      senderId: z.string(),
      attachmentId: z.string().nullable(),
      createdAt: dateTime,
    })
    .nullable(),
  lastActivity: dateTime,
  unread: z.number().int(),
});

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Position in the conversation: pass the highest seen as `after` to catch up. */
  seq: z.number().int(),
  senderId: z.string(),
  senderName: z.string(),
  clientId: z.string(),
  body: z.string(),
  attachment: z
    .object({
      /** A photo, or a voice note (play `url`). */
      kind: z.enum(["image", "audio"]),
      url: z.string(),
      thumbUrl: z.string(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
    })
    .nullable(),
  createdAt: dateTime,
});

/** `created` is false when the clientId was sent before: the stored message comes back. */
export const SentMessageSchema = z.object({ message: MessageSchema, created: z.boolean() });

const Side = z.object({
  user: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  organisation: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }).nullable(),
});

export const MilestoneSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  deliverables: z.string(),
  acceptanceCriteria: z.string(),
  amountFen: fen,
  escrowFen: fen,
  dueDate: dateTime.nullable(),
  status: z.string(),
  fundedAt: dateTime.nullable(),
  submittedAt: dateTime.nullable(),
  reviewDueAt: dateTime.nullable(),
  releasedAt: dateTime.nullable(),
  autoReleased: z.boolean(),
  rejectionReason: z.string().nullable(),
  disputeReason: z.string().nullable(),
  disputedAt: dateTime.nullable(),
  resolutionPayeeFen: fen.nullable(),
  resolutionNote: z.string().nullable(),
  refundedAt: dateTime.nullable(),
  submissions: z.array(z.object({ id: z.string(), note: z.string(), at: dateTime, by: z.string() })),
  /** What the caller may do now, as the agreement page shows it. */
  can: z.object({
    fund: z.boolean(),
    submit: z.boolean(),
    accept: z.boolean(),
    reject: z.boolean(),
    dispute: z.boolean(),
  }),
});

export const AgreementSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  /** The caller's side, null for bureau staff reading it. */
  party: z.enum(["PAYER", "PAYEE"]).nullable(),
  payer: Side,
  payee: Side,
  reviewWindowDays: z.number().int(),
  createdAt: dateTime,
  activatedAt: dateTime.nullable(),
  completedAt: dateTime.nullable(),
  terminatedAt: dateTime.nullable(),
  /** The signed terms in force, summarised; null before the first signature. */
  terms: z
    .object({
      version: z.number().int(),
      signedAt: dateTime.nullable(),
      termsHash: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      components: z.array(z.string()),
      milestoneTotalFen: fen,
    })
    .nullable(),
  /** A draft or proposal under way, if any. */
  pending: z.object({ version: z.number().int(), status: z.string() }).nullable(),
  milestones: z.array(MilestoneSchema),
});

/** What a milestone action did; its fields depend on the action (transferId for money moves). */
export const MilestoneResultSchema = z.object({
  milestoneId: z.string(),
  status: z.string(),
  transferId: z.string().optional(),
  amountFen: fen.optional(),
  agreementStatus: z.string().optional(),
  submissionId: z.string().optional(),
  reviewDueAt: dateTime.optional(),
  payeeFen: fen.optional(),
  refundFen: fen.optional(),
});

export const DisputeSchema = z.object({
  id: z.string(),
  title: z.string(),
  amountFen: fen,
  escrowFen: fen,
  disputeReason: z.string().nullable(),
  disputedAt: dateTime.nullable(),
  rejectionReason: z.string().nullable(),
  lastSubmission: z.object({ note: z.string(), at: dateTime }).nullable(),
  agreement: z.object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    payer: z.string(),
    payee: z.string(),
  }),
});

export const WalletSchema = z.object({
  accountId: z.string(),
  organisationName: z.string().nullable(),
  balanceFen: fen,
  /** Claw-backs the wallet still owes: while above zero no money leaves it. */
  owedFen: fen,
});

export const StatementSchema = z.object({
  account: z.object({ id: z.string(), kind: z.string(), label: z.string(), balanceFen: fen, owedFen: fen }),
  total: z.number().int(),
  data: z.array(
    z.object({
      entryId: z.string(),
      transferId: z.string(),
      at: dateTime,
      reason: z.string(),
      memo: z.string(),
      counterparty: z.string(),
      counterpartyLabel: z.string(),
      /** Positive in, negative out. */
      amountFen: fen,
      balanceFen: fen,
      agreementId: z.string().nullable(),
      milestoneId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
