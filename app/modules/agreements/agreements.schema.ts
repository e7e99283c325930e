import { z } from "zod";
import { userText, optionalUserText } from "~/utils/user-text";
import { MAX_TRANSFER_FEN } from "~/modules/ledger/ledger.schema";
import { requiredYuan, optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { MAX_FEN, fenToYuanText } from "~/utils/money";
import {
  type COMPONENT_TYPES,
  CONTRACT_DEFAULTS,
  DEFAULT_REVIEW_WINDOW_DAYS,
  DISPUTE_FORUMS,
  RESULTS_IP_OWNERS,
  MAX_COMPONENTS,
  MAX_MILESTONES,
  REVENUE_BASES,
  REVENUE_PERIODS,
  bpToPercentText,
  crossFieldIssues,
  parsePercentToBp,
  type AgreementTerms,
  type ComponentTerms,
} from "./terms";

/**
 * The forms of the agreement pages. The terms form takes yuan and percentages as people type
 * them; it reads into AgreementTerms (fen, basis points) and applies the same cross-field rules,
 * reported on the form's own field names.
 */

const Day = z.string({ message: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "agreements.errors.date");

function text(min: number, max: number, message: string) {
  return userText(min, max, message, { required: message, multiline: true });
}

function yuan(max: number) {
  return requiredYuan("agreements.errors.money").pipe(
    z.number().positive("agreements.errors.money_positive").max(max, "agreements.errors.money_too_large"),
  );
}

function maybeYuan(max: number) {
  return optionalYuan("agreements.errors.money").pipe(
    z
      .number()
      .positive("agreements.errors.money_positive")
      .max(max, "agreements.errors.money_too_large")
      .optional(),
  );
}

/** A percentage as typed, in basis points from `min` to `max`. */
function percentBp(min: number, max: number, message: string) {
  return z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .transform((value, ctx) => {
      const bp = parsePercentToBp(value);
      if (bp === null) {
        ctx.addIssue({ code: "custom", message: "agreements.errors.percent" });
        return z.NEVER;
      }
      return bp;
    })
    .pipe(z.number().min(min, message).max(max, message));
}

const percent = percentBp(1, 10_000, "agreements.errors.percent_range");

function months(min: number, max: number, message: string) {
  return z.number({ message }).int(message).min(min, message).max(max, message);
}

const MilestoneForm = z.object({
  title: text(2, 80, "agreements.errors.milestone_title"),
  deliverables: text(1, 2000, "agreements.errors.too_long"),
  acceptanceCriteria: text(1, 2000, "agreements.errors.too_long"),
  amount: yuan(MAX_TRANSFER_FEN),
  dueDate: Day.optional(),
});

const milestoneList = z
  .array(MilestoneForm, { message: "agreements.errors.milestones_count" })
  .min(1, "agreements.errors.milestones_count")
  .max(MAX_MILESTONES, "agreements.errors.milestones_count");

const ComponentForm = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("TECH_CONTRACT"), fee: yuan(MAX_FEN), milestones: milestoneList }),
    z.object({
      type: z.literal("PAID_SERVICE"),
      description: text(4, 2000, "agreements.errors.description_length"),
      fee: yuan(MAX_FEN),
      milestones: milestoneList,
    }),
    z.object({
      type: z.literal("TECH_EQUITY"),
      enterpriseName: text(2, 80, "agreements.errors.enterprise_name"),
      enterpriseOrganisationId: z.string().optional(),
      valuation: yuan(MAX_FEN),
      equityPercent: percent,
      vestingStart: Day,
      vestingMonths: months(0, 120, "agreements.errors.vesting_months"),
      cliffMonths: months(0, 120, "agreements.errors.cliff_months"),
    }),
    z.object({
      type: z.literal("REVENUE_SHARE"),
      sharePercent: percent,
      base: z.enum(REVENUE_BASES, { message: "agreements.errors.revenue_base" }),
      period: z.enum(REVENUE_PERIODS, { message: "agreements.errors.revenue_period" }),
      startDate: Day,
      termMonths: months(1, 240, "agreements.errors.term_months"),
      floor: maybeYuan(MAX_FEN),
      cap: maybeYuan(MAX_FEN),
    }),
    z.object({
      type: z.literal("GRANT_FUNDED"),
      programmeName: text(2, 80, "agreements.errors.programme_name"),
      amount: yuan(MAX_FEN),
    }),
  ],
  { message: "agreements.errors.component_type" },
);

type ComponentFormValue = z.output<typeof ComponentForm>;

function componentTerms(form: ComponentFormValue): ComponentTerms {
  switch (form.type) {
    case "TECH_CONTRACT":
    case "PAID_SERVICE": {
      const milestones = form.milestones.map(({ amount, ...milestone }) => ({
        ...milestone,
        amountFen: amount,
      }));
      return form.type === "TECH_CONTRACT"
        ? { type: form.type, feeFen: form.fee, milestones }
        : { type: form.type, description: form.description, feeFen: form.fee, milestones };
    }
    case "TECH_EQUITY": {
      const { valuation, equityPercent, enterpriseOrganisationId, ...rest } = form;
      return {
        ...rest,
        ...(enterpriseOrganisationId ? { enterpriseOrganisationId } : {}),
        valuationFen: valuation,
        equityBp: equityPercent,
      };
    }
    case "REVENUE_SHARE": {
      const { sharePercent, floor, cap, ...rest } = form;
      return {
        ...rest,
        shareBp: sharePercent,
        ...(floor !== undefined ? { floorFen: floor } : {}),
        ...(cap !== undefined ? { capFen: cap } : {}),
      };
    }
    case "GRANT_FUNDED":
      return { type: form.type, programmeName: form.programmeName, amountFen: form.amount };
  }
}

/** The terms' field names → the form's, where the form types another unit. */
const FORM_FIELD: Record<string, string> = {
  feeFen: "fee",
  amountFen: "amount",
  valuationFen: "valuation",
  equityBp: "equityPercent",
  shareBp: "sharePercent",
  penaltyPerDayBp: "penaltyPerDay",
  penaltyCapBp: "penaltyCap",
  floorFen: "floor",
  capFen: "cap",
};

export const TermsFormSchema = z
  .object({
    title: text(4, 80, "agreements.errors.title_length"),
    startDate: Day,
    endDate: Day,
    reviewWindowDays: months(1, 60, "agreements.errors.review_window").default(DEFAULT_REVIEW_WINDOW_DAYS),
    specialTerms: optionalUserText(4000, "agreements.errors.too_long", { multiline: true }),
    // The legal clauses: the form always offers them filled with the defaults; a post without
    // them (an older client) leaves them unset, and the contract states the defaults.
    confidentialityYears: months(0, 20, "agreements.errors.confidentiality_years").optional(),
    resultsIp: z.enum(RESULTS_IP_OWNERS, { message: "agreements.errors.results_ip" }).optional(),
    penaltyPerDay: percentBp(1, 100, "agreements.errors.penalty_rate").optional(),
    penaltyCap: percentBp(1, 10_000, "agreements.errors.penalty_cap").optional(),
    disputeForum: z.enum(DISPUTE_FORUMS, { message: "agreements.errors.dispute_forum" }).optional(),
    arbitrationCommission: text(4, 60, "agreements.errors.arbitration_commission").optional(),
    courtPlace: text(2, 40, "agreements.errors.court_place").optional(),
    components: z
      .array(ComponentForm, { message: "agreements.errors.components_count" })
      .min(1, "agreements.errors.components_count")
      .max(MAX_COMPONENTS, "agreements.errors.components_count"),
  })
  .transform(
    ({
      components,
      specialTerms,
      penaltyPerDay,
      penaltyCap,
      arbitrationCommission,
      courtPlace,
      ...rest
    }): AgreementTerms => ({
      ...rest,
      ...(specialTerms ? { specialTerms } : {}),
      ...(penaltyPerDay !== undefined ? { penaltyPerDayBp: penaltyPerDay } : {}),
      ...(penaltyCap !== undefined ? { penaltyCapBp: penaltyCap } : {}),
      // Only the chosen forum's place is part of the terms.
      ...(rest.disputeForum === "ARBITRATION" && arbitrationCommission ? { arbitrationCommission } : {}),
      ...(rest.disputeForum === "COURT" && courtPlace ? { courtPlace } : {}),
      components: components.map(componentTerms),
    }),
  )
  .superRefine((terms, ctx) => {
    for (const issue of crossFieldIssues(terms)) {
      const path = issue.path.map((part) => (typeof part === "string" ? (FORM_FIELD[part] ?? part) : part));
      ctx.addIssue({ code: "custom", path, message: issue.message });
    }
  });

/** The terms form filled from stored terms (fen → yuan, basis points → percent). */
export function termsFormDefaults(terms: AgreementTerms) {
  const money = (fen: number | undefined) => (fen ? fenToYuanText(fen) : undefined);
  return {
    title: terms.title,
    startDate: terms.startDate,
    endDate: terms.endDate,
    reviewWindowDays: String(terms.reviewWindowDays ?? DEFAULT_REVIEW_WINDOW_DAYS),
    specialTerms: terms.specialTerms,
    confidentialityYears: String(terms.confidentialityYears ?? CONTRACT_DEFAULTS.confidentialityYears),
    resultsIp: terms.resultsIp ?? CONTRACT_DEFAULTS.resultsIp,
    penaltyPerDay: bpToPercentText(terms.penaltyPerDayBp ?? CONTRACT_DEFAULTS.penaltyPerDayBp),
    penaltyCap: bpToPercentText(terms.penaltyCapBp ?? CONTRACT_DEFAULTS.penaltyCapBp),
    disputeForum: terms.disputeForum ?? CONTRACT_DEFAULTS.disputeForum,
    arbitrationCommission: terms.arbitrationCommission ?? CONTRACT_DEFAULTS.arbitrationCommission,
    courtPlace: terms.courtPlace ?? CONTRACT_DEFAULTS.courtPlace,
    components: (terms.components ?? []).map((component) => {
      switch (component.type) {
        case "TECH_CONTRACT":
        case "PAID_SERVICE":
          return {
            type: component.type,
            ...(component.type === "PAID_SERVICE" ? { description: component.description } : {}),
            fee: money(component.feeFen),
            milestones: component.milestones.map(({ amountFen, ...m }) => ({
              ...m,
              amount: money(amountFen),
            })),
          };
        case "TECH_EQUITY": {
          const { valuationFen, equityBp, vestingMonths, cliffMonths, ...rest } = component;
          return {
            ...rest,
            valuation: money(valuationFen),
            equityPercent: equityBp ? bpToPercentText(equityBp) : undefined,
            vestingMonths: String(vestingMonths),
            cliffMonths: String(cliffMonths),
          };
        }
        case "REVENUE_SHARE": {
          const { shareBp, floorFen, capFen, termMonths, ...rest } = component;
          return {
            ...rest,
            sharePercent: bpToPercentText(shareBp),
            floor: money(floorFen),
            cap: money(capFen),
            termMonths: String(termMonths),
          };
        }
        case "GRANT_FUNDED":
          return {
            type: component.type,
            programmeName: component.programmeName,
            amount: money(component.amountFen),
          };
      }
    }),
  };
}

/** A new component as the "add" buttons insert it, with sensible starting values. */
export function newComponentDefaults(type: (typeof COMPONENT_TYPES)[number], startDate: string) {
  switch (type) {
    case "TECH_CONTRACT":
      return { type, milestones: [{}] };
    case "PAID_SERVICE":
      return { type, milestones: [{}] };
    case "TECH_EQUITY":
      return { type, vestingStart: startDate, vestingMonths: "36", cliffMonths: "12" };
    case "REVENUE_SHARE":
      return { type, sharePercent: "10", base: "REVENUE", period: "QUARTER", startDate, termMonths: "12" };
    case "GRANT_FUNDED":
      return { type };
  }
}

export const NewAgreementSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("application"), applicationId: z.string().min(1) }),
  z.object({ source: z.literal("offer"), offerId: z.string().min(1) }),
]);

const optionalNote = optionalUserText(1000, "agreements.errors.note_length", { multiline: true });

/** What a party does on the agreement page, told apart by intent. */
export const AgreementActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose") }),
  z.object({ intent: z.literal("decline"), reason: optionalNote }),
  z.object({ intent: z.literal("amend"), note: optionalNote }),
  z.object({
    intent: z.literal("terminate"),
    reason: z
      .string({ message: "agreements.errors.reason_required" })
      .trim()
      .min(4, "agreements.errors.reason_required")
      .max(1000, "agreements.errors.note_length"),
  }),
]);

export const SignSchema = z.object({
  password: z.string({ message: "errors.required" }).min(1, "errors.required").max(128),
  termsHash: z.string().regex(/^[0-9a-f]{64}$/),
});
