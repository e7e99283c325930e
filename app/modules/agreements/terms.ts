import { z } from "zod";
import { userText } from "~/utils/user-text";
import type { ArrangementType } from "~/generated/prisma/enums";
import { translate, type Locale } from "~/i18n/i18n";
import { MAX_TRANSFER_FEN } from "~/modules/ledger/ledger.schema";
import { MAX_FEN } from "~/utils/money";
import { addMonths, luoyangToday } from "~/utils/dates";

/**
 * The terms of an agreement (DESIGN §2.4): what both parties sign. Money is integer fen, shares
 * are basis points (1250 = 12.5 %), dates are days in Luoyang ("YYYY-MM-DD", which compare as
 * text). Every refusal is a message key on the path of the field it concerns. Shared with the
 * browser (the terms form), so the hash of the terms lives in terms-hash.server.ts.
 */

export const COMPONENT_TYPES = [
  "TECH_CONTRACT",
  "PAID_SERVICE",
  "TECH_EQUITY",
  "REVENUE_SHARE",
  "GRANT_FUNDED",
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];
export const REVENUE_BASES = ["REVENUE", "PROFIT"] as const;
export const REVENUE_PERIODS = ["MONTH", "QUARTER", "YEAR"] as const;

export const RESULTS_IP_OWNERS = ["PAYER", "PAYEE", "JOINT"] as const;
export const DISPUTE_FORUMS = ["ARBITRATION", "COURT"] as const;
export type ResultsIpOwner = (typeof RESULTS_IP_OWNERS)[number];
export type DisputeForum = (typeof DISPUTE_FORUMS)[number];

/**
 * What a contract says when the terms leave a legal clause open (terms signed before these
 * clauses existed, or a party that kept the defaults). Results belong to the side that made them
 * (民法典 arts. 859, 861, 885: the developer / 受托人), the paying side using them free of charge.
 * Late payment or delivery costs 0.05 % a day (万分之五), capped at 20 % of the price.
 */
export const CONTRACT_DEFAULTS = {
  confidentialityYears: 3,
  resultsIp: "PAYEE" as ResultsIpOwner,
  penaltyPerDayBp: 5,
  penaltyCapBp: 2000,
  disputeForum: "ARBITRATION" as DisputeForum,
  arbitrationCommission: "洛阳仲裁委员会",
  courtPlace: "洛阳市",
} as const;

export const MAX_COMPONENTS = 5;
export const MAX_MILESTONES = 20;
export const DEFAULT_REVIEW_WINDOW_DAYS = 14;

const Day = z.iso.date({ message: "agreements.errors.date" });

function text(min: number, max: number, message: string) {
  return userText(min, max, message, { required: min <= 1 ? "errors.required" : message, multiline: true });
}

/** A positive number of fen up to `max`. */
function fen(max: number) {
  return z
    .number({ message: "agreements.errors.money" })
    .int("agreements.errors.money")
    .positive("agreements.errors.money_positive")
    .max(max, "agreements.errors.money_too_large");
}

function whole(min: number, max: number, message: string) {
  return z.number({ message }).int(message).min(min, message).max(max, message);
}

export const MilestoneTerms = z.object({
  title: text(2, 80, "agreements.errors.milestone_title"),
  deliverables: text(1, 2000, "agreements.errors.too_long"),
  acceptanceCriteria: text(1, 2000, "agreements.errors.too_long"),
  // One milestone is funded by one ledger transfer, so it cannot exceed a transfer's limit.
  amountFen: fen(MAX_TRANSFER_FEN),
  dueDate: Day.optional(),
});

const milestones = z
  .array(MilestoneTerms)
  .min(1, "agreements.errors.milestones_count")
  .max(MAX_MILESTONES, "agreements.errors.milestones_count");

export const TechContractTerms = z.object({
  type: z.literal("TECH_CONTRACT"),
  feeFen: fen(MAX_FEN),
  milestones,
});

export const PaidServiceTerms = z.object({
  type: z.literal("PAID_SERVICE"),
  description: text(4, 2000, "agreements.errors.description_length"),
  feeFen: fen(MAX_FEN),
  milestones,
});

export const TechEquityTerms = z.object({
  type: z.literal("TECH_EQUITY"),
  enterpriseName: text(2, 80, "agreements.errors.enterprise_name"),
  enterpriseOrganisationId: z.string().min(1).optional(),
  valuationFen: fen(MAX_FEN),
  equityBp: whole(1, 10_000, "agreements.errors.percent_range"),
  vestingStart: Day,
  vestingMonths: whole(0, 120, "agreements.errors.vesting_months"),
  cliffMonths: whole(0, 120, "agreements.errors.cliff_months"),
});

export const RevenueShareTerms = z.object({
  type: z.literal("REVENUE_SHARE"),
  shareBp: whole(1, 10_000, "agreements.errors.percent_range"),
  base: z.enum(REVENUE_BASES, { message: "agreements.errors.revenue_base" }),
  period: z.enum(REVENUE_PERIODS, { message: "agreements.errors.revenue_period" }),
  startDate: Day,
  termMonths: whole(1, 240, "agreements.errors.term_months"),
  floorFen: fen(MAX_FEN).optional(),
  capFen: fen(MAX_FEN).optional(),
});

export const GrantFundedTerms = z.object({
  type: z.literal("GRANT_FUNDED"),
  programmeName: text(2, 80, "agreements.errors.programme_name"),
  amountFen: fen(MAX_FEN),
});

export const ComponentTerms = z.discriminatedUnion(
  "type",
  [TechContractTerms, PaidServiceTerms, TechEquityTerms, RevenueShareTerms, GrantFundedTerms],
  { message: "agreements.errors.component_type" },
);

const TermsShape = z.object({
  title: text(4, 80, "agreements.errors.title_length"),
  startDate: Day,
  endDate: Day,
  reviewWindowDays: whole(1, 60, "agreements.errors.review_window").default(DEFAULT_REVIEW_WINDOW_DAYS),
  specialTerms: z.string().trim().max(4000, "agreements.errors.too_long").optional(),
  // The legal clauses. Optional and never defaulted here: terms stored before they existed must
  // parse to the same object and keep their hash; contractClauses() states the defaults at display.
  confidentialityYears: whole(0, 20, "agreements.errors.confidentiality_years").optional(),
  resultsIp: z.enum(RESULTS_IP_OWNERS, { message: "agreements.errors.results_ip" }).optional(),
  penaltyPerDayBp: whole(1, 100, "agreements.errors.penalty_rate").optional(),
  penaltyCapBp: whole(1, 10_000, "agreements.errors.penalty_cap").optional(),
  disputeForum: z.enum(DISPUTE_FORUMS, { message: "agreements.errors.dispute_forum" }).optional(),
  arbitrationCommission: text(4, 60, "agreements.errors.arbitration_commission").optional(),
  courtPlace: text(2, 40, "agreements.errors.court_place").optional(),
  components: z
    .array(ComponentTerms)
    .min(1, "agreements.errors.components_count")
    .max(MAX_COMPONENTS, "agreements.errors.components_count"),
});

export type MilestoneTerms = z.output<typeof MilestoneTerms>;
export type ComponentTerms = z.output<typeof ComponentTerms>;
export type TechContractTerms = z.output<typeof TechContractTerms>;
export type PaidServiceTerms = z.output<typeof PaidServiceTerms>;
export type TechEquityTerms = z.output<typeof TechEquityTerms>;
export type RevenueShareTerms = z.output<typeof RevenueShareTerms>;
export type GrantFundedTerms = z.output<typeof GrantFundedTerms>;
export type AgreementTerms = z.output<typeof TermsShape>;

export interface TermsIssue {
  path: (string | number)[];
  message: string;
}

function hasMilestones(component: ComponentTerms): component is TechContractTerms | PaidServiceTerms {
  return component.type === "TECH_CONTRACT" || component.type === "PAID_SERVICE";
}

/**
 * The rules that span fields, on already well-typed terms. Kept apart from the schema so the
 * terms form (which types yuan and percentages) reports the same rules on its own fields.
 */
export function crossFieldIssues(terms: AgreementTerms): TermsIssue[] {
  const issues: TermsIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const ordered = terms.startDate < terms.endDate;
  if (!ordered) add(["endDate"], "agreements.errors.end_before_start");
  if (terms.disputeForum === "ARBITRATION" && !terms.arbitrationCommission)
    add(["arbitrationCommission"], "agreements.errors.arbitration_commission");
  if (terms.disputeForum === "COURT" && !terms.courtPlace)
    add(["courtPlace"], "agreements.errors.court_place");
  const seen = new Set<string>();
  terms.components.forEach((component, index) => {
    const at = (...rest: (string | number)[]) => ["components", index, ...rest];
    if (seen.has(component.type)) add(at("type"), "agreements.errors.component_duplicate");
    seen.add(component.type);
    if (hasMilestones(component)) {
      const sum = component.milestones.reduce((total, milestone) => total + milestone.amountFen, 0);
      if (sum !== component.feeFen) add(at("feeFen"), "agreements.errors.milestones_sum");
      component.milestones.forEach((milestone, position) => {
        if (
          milestone.dueDate &&
          ordered &&
          (milestone.dueDate < terms.startDate || milestone.dueDate > terms.endDate)
        ) {
          add(at("milestones", position, "dueDate"), "agreements.errors.due_date_range");
        }
      });
    }
    if (component.type === "TECH_EQUITY") {
      if (component.cliffMonths > component.vestingMonths)
        add(at("cliffMonths"), "agreements.errors.cliff_after_vesting");
      if (component.vestingStart < terms.startDate)
        add(at("vestingStart"), "agreements.errors.vesting_start");
    }
    if (component.type === "REVENUE_SHARE") {
      if (
        component.floorFen !== undefined &&
        component.capFen !== undefined &&
        component.floorFen > component.capFen
      ) {
        add(at("capFen"), "agreements.errors.floor_above_cap");
      }
      if (ordered && (component.startDate < terms.startDate || component.startDate >= terms.endDate)) {
        add(at("startDate"), "agreements.errors.revenue_start_range");
      }
    }
  });
  return issues;
}

export const AgreementTerms = TermsShape.superRefine((terms, ctx) => {
  for (const issue of crossFieldIssues(terms))
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export interface ContractClauses {
  confidentialityYears: number;
  resultsIp: ResultsIpOwner;
  penaltyPerDayBp: number;
  penaltyCapBp: number;
  dispute: { forum: "ARBITRATION"; commission: string } | { forum: "COURT"; place: string };
  /** The clauses the terms left open, which the contract states as defaults. */
  defaulted: ("confidentialityYears" | "resultsIp" | "penalty" | "dispute")[];
}

/** The legal clauses of the terms, with the defaults filled in and named as such. */
export function contractClauses(terms: AgreementTerms): ContractClauses {
  const defaulted: ContractClauses["defaulted"] = [];
  if (terms.confidentialityYears === undefined) defaulted.push("confidentialityYears");
  if (terms.resultsIp === undefined) defaulted.push("resultsIp");
  if (terms.penaltyPerDayBp === undefined || terms.penaltyCapBp === undefined) defaulted.push("penalty");
  if (terms.disputeForum === undefined) defaulted.push("dispute");
  const forum = terms.disputeForum ?? CONTRACT_DEFAULTS.disputeForum;
  return {
    confidentialityYears: terms.confidentialityYears ?? CONTRACT_DEFAULTS.confidentialityYears,
    resultsIp: terms.resultsIp ?? CONTRACT_DEFAULTS.resultsIp,
    penaltyPerDayBp: terms.penaltyPerDayBp ?? CONTRACT_DEFAULTS.penaltyPerDayBp,
    penaltyCapBp: terms.penaltyCapBp ?? CONTRACT_DEFAULTS.penaltyCapBp,
    dispute:
      forum === "COURT"
        ? { forum, place: terms.courtPlace ?? CONTRACT_DEFAULTS.courtPlace }
        : { forum, commission: terms.arbitrationCommission ?? CONTRACT_DEFAULTS.arbitrationCommission },
    defaulted,
  };
}

/** Every milestone of the terms in order, numbered 1..n across the components (DESIGN: positions). */
export function plannedMilestones(terms: AgreementTerms): (MilestoneTerms & { position: number })[] {
  return terms.components
    .flatMap((component) => (hasMilestones(component) ? component.milestones : []))
    .map((milestone, index) => ({ ...milestone, position: index + 1 }));
}

export { addMonths, luoyangToday };

export interface DefaultTermsInput {
  arrangement: ArrangementType;
  priceFen: number;
  title: string;
  /** The expert's proposal, used as the work description. */
  approach?: string;
  today?: string;
  locale?: Locale;
}

/**
 * The first draft of an agreement made from an application or an offer: one component of the
 * arrangement, priced as agreed. Technology equity and grants name an enterprise, a valuation or
 * a programme nobody has entered yet, so those drafts must be completed before they validate.
 */
export function defaultTerms(input: DefaultTermsInput): AgreementTerms {
  const locale = input.locale ?? "zh";
  const startDate = input.today ?? luoyangToday();
  const endDate = addMonths(startDate, 12);
  const description =
    (input.approach ?? "").trim().slice(0, 2000) || translate(locale, "agreements.defaults.description");
  const price = Math.max(0, Math.trunc(input.priceFen));
  const wholeWork = [
    {
      title: translate(locale, "agreements.defaults.milestoneTitle"),
      deliverables: description,
      acceptanceCriteria: translate(locale, "agreements.defaults.acceptance"),
      amountFen: price,
    },
  ];
  const component: ComponentTerms = (() => {
    switch (input.arrangement) {
      case "TECH_CONTRACT":
        return { type: "TECH_CONTRACT", feeFen: price, milestones: wholeWork };
      case "PAID_SERVICE":
        return { type: "PAID_SERVICE", description, feeFen: price, milestones: wholeWork };
      case "REVENUE_SHARE":
        return {
          type: "REVENUE_SHARE",
          shareBp: 1000,
          base: "REVENUE",
          period: "QUARTER",
          startDate,
          termMonths: 12,
        };
      case "TECH_EQUITY":
        return {
          type: "TECH_EQUITY",
          enterpriseName: "",
          valuationFen: 0,
          equityBp: 0,
          vestingStart: startDate,
          vestingMonths: 36,
          cliffMonths: 12,
        };
      case "GRANT_FUNDED":
        return { type: "GRANT_FUNDED", programmeName: "", amountFen: price };
    }
  })();
  return {
    title: input.title.trim().slice(0, 80),
    startDate,
    endDate,
    reviewWindowDays: DEFAULT_REVIEW_WINDOW_DAYS,
    components: [component],
  };
}

/** A percentage as typed ("12.5", "12.5%", "5") in basis points; null for anything else. */
export function parsePercentToBp(raw: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(raw.trim().replace(/\s/g, "").replace("％", "%"));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Basis points back to the percentage text people read and type ("1250" → "12.5"). */
export function bpToPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}
