import { z } from "zod";
import { photoFilesField } from "~/modules/uploads/photo-files.schema";
import { userText, optionalUserText } from "~/utils/user-text";
import { ApplicantKind, OrganisationType, ProgrammeKind } from "~/generated/prisma/enums";
import { checkboxes, optionalYuan, requiredYuan } from "~/modules/marketplace/marketplace.schema";
import { endOfDayInLuoyang } from "~/utils/dates";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";
import { amountProblem, parseYuanToFen } from "~/utils/money";
import { checkBudgetTotal, PlanFieldsetFields } from "~/modules/monitoring/monitoring.schema";

export const PROGRAMME_KINDS = Object.values(ProgrammeKind) as [ProgrammeKind, ...ProgrammeKind[]];
export const ORG_TYPES = Object.values(OrganisationType).filter((type) => type !== "BUREAU") as [
  OrganisationType,
  ...OrganisationType[],
];
export const APPLICANT_KINDS = Object.values(ApplicantKind) as [ApplicantKind, ...ApplicantKind[]];
export const MAX_EVIDENCE_PHOTOS = 6;
/** 合格: a post-subsidy is paid only when the evaluation scores at least this. */
export const PASSING_SCORE = 60;

const text = (min: number, max: number, message: string) =>
  userText(min, max, message, { required: message, multiline: true });

/** A whole number typed in a text field ("52"); kept as a string input so forms stay typed. */
const wholeNumber = (message: string, min = 0, max = 100_000_000) =>
  z
    .string({ message: "errors.required" })
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);

const score = wholeNumber("programmes.errors.score", 0, 100);

/** Income change per household in yuan; may be negative ("-300"). */
const signedYuan = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((value, ctx) => {
    const fen = parseYuanToFen(value.replace(/^-/, ""));
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: amountProblem(value, "programmes.errors.money") });
      return z.NEVER;
    }
    return value.startsWith("-") ? -fen : fen;
  });

/** The bureau's programme form (create and edit a draft): the fields, for the browser's checks. */
/** The report intervals a call may set, in months: monthly, quarterly, half-yearly, yearly. */
export const REPORT_INTERVALS = ["1", "3", "6", "12"] as const;

export const ProgrammeFormFields = z.object({
  kind: z.enum(PROGRAMME_KINDS, { message: "errors.required" }),
  year: wholeNumber("programmes.errors.year", 2020, 2100),
  title: text(4, 80, "programmes.errors.title_length"),
  description: text(10, 4000, "programmes.errors.description_length"),
  budget: requiredYuan("programmes.errors.money").refine((fen) => fen > 0, "programmes.errors.money"),
  maxAward: optionalYuan("programmes.errors.money").refine(
    (fen) => fen === undefined || fen > 0,
    "programmes.errors.money",
  ),
  eligibleCounties: checkboxes(z.enum(COUNTY_CODES)),
  eligibleIndustries: checkboxes(z.enum(INDUSTRY_CODES)),
  eligibleOrgTypes: checkboxes(z.enum(ORG_TYPES)),
  // Nothing ticked keeps the call as it always was: organisations only.
  applicantKinds: checkboxes(z.enum(APPLICANT_KINDS)).transform((kinds) =>
    kinds.length > 0 ? kinds : (["ORGANISATION"] as ApplicantKind[]),
  ),
  reviewsRequired: wholeNumber("programmes.errors.reviews_required", 2, 9).default(2),
  // How often funded projects report progress; quarterly unless the call says otherwise.
  reportIntervalMonths: z
    .enum(REPORT_INTERVALS, { message: "programmes.errors.report_interval" })
    .default("3")
    .transform(Number),
  // 利益联结 (issue 23): evaluation then checks the project's payments to households.
  requiresBenefitLinkage: z
    .literal("on", { message: "errors.required" })
    .optional()
    .transform((value) => value === "on"),
  deadline: z
    .string({ message: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "programmes.errors.deadline"),
});

/** The programme form as the server reads it: amounts in fen, the deadline as the day's end. */
export const ProgrammeFormSchema = ProgrammeFormFields.refine(
  (form) => form.maxAward === undefined || form.maxAward <= form.budget,
  { path: ["maxAward"], message: "programmes.errors.max_award_over_budget" },
).transform(({ budget, maxAward, deadline, ...form }) => ({
  ...form,
  budgetFen: budget,
  maxAwardFen: maxAward ?? null,
  deadline: endOfDayInLuoyang(deadline),
}));

export type ProgrammeFields = z.output<typeof ProgrammeFormSchema>;

/** Publish, close and top up, on the bureau's programme page. */
export const ProgrammeIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("close") }),
  z.object({
    intent: z.literal("topUp"),
    amount: requiredYuan("programmes.errors.money").refine((fen) => fen > 0, "programmes.errors.money"),
  }),
]);

/** The application form. `link` is "agreement:<id>", "need:<id>" or empty. */
export const ApplyFormFields = z.object({
  organisationId: z.string({ message: "errors.required" }).min(1, "errors.required"),
  title: text(4, 80, "programmes.errors.title_length"),
  summary: text(20, 4000, "programmes.errors.summary_length"),
  countyCode: z.enum(COUNTY_CODES, { message: "programmes.errors.county" }),
  industry: z.enum(INDUSTRY_CODES, { message: "programmes.errors.industry" }),
  requested: requiredYuan("programmes.errors.money").refine((fen) => fen > 0, "programmes.errors.money"),
  link: z
    .string()
    .regex(/^(agreement|need):[\w-]+$/, "programmes.errors.link")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const ApplyFormSchema = ApplyFormFields.transform(({ requested, ...form }) => ({
  ...form,
  requestedFen: requested,
}));

/**
 * The application page's form: the fields above and the budget by line (monitoring), whose lines
 * must add up to the amount requested. The API's ApplyFormSchema leaves the budget out; such an
 * application is asked for a budget change request once funded.
 */
export const ApplyPageFields = ApplyFormFields.extend(PlanFieldsetFields.shape);
export const ApplyPageSchema = ApplyPageFields.superRefine((form, ctx) =>
  checkBudgetTotal(form.budget, form.requested, ctx),
).transform(({ requested, budget, team, suppliers, ...form }) => ({
  ...form,
  requestedFen: requested,
  plan: { budgetLines: budget, team, suppliers },
}));

export type ApplyFields = z.output<typeof ApplyFormSchema> & {
  plan?: z.output<typeof ApplyPageSchema>["plan"];
};

const photoFiles = photoFilesField(MAX_EVIDENCE_PHOTOS, {
  tooMany: "programmes.errors.photos_too_many",
  tooLarge: "programmes.errors.photo_too_large",
});

/** 结题报告: the project's own figures. Money in yuan, counts as whole numbers. */
export const CompletionReportSchema = z.object({
  intent: z.literal("report"),
  summary: text(20, 4000, "programmes.errors.summary_length"),
  farmersTrained: wholeNumber("programmes.errors.count"),
  incomeChange: signedYuan,
  areaMu: wholeNumber("programmes.errors.count").optional(),
  herdSize: wholeNumber("programmes.errors.count").optional(),
  yieldKg: wholeNumber("programmes.errors.count").optional(),
  jobsCreated: wholeNumber("programmes.errors.count"),
  sales: requiredYuan("programmes.errors.money"),
  photos: photoFiles,
});

export type CompletionReportFields = Omit<z.output<typeof CompletionReportSchema>, "intent" | "photos">;

/** What the applicant may do on their application page. */
export const ApplicantIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withdraw") }),
  CompletionReportSchema,
]);

/** What the bureau may do on an application: review, decide, propose a payment, evaluate. */
export const BureauApplicationIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("review"),
    score,
    comment: optionalUserText(2000, "programmes.errors.too_long", { multiline: true }).default(""),
    // The reviewer ticks that they have no conflict of interest before a score counts.
    noConflict: z.literal("on", { message: "programmes.errors.declaration" }),
  }),
  z.object({ intent: z.literal("conflict") }),
  z.object({
    intent: z.literal("approve"),
    approved: requiredYuan("programmes.errors.money").refine((fen) => fen > 0, "programmes.errors.money"),
    note: optionalUserText(2000, "programmes.errors.too_long", { multiline: true }).default(""),
  }),
  z.object({ intent: z.literal("reject"), note: text(2, 2000, "programmes.errors.note") }),
  // 拨付 is proposed here and paid when the finance bureau co-signs it (cosign.schema.ts).
  z.object({
    intent: z.literal("propose"),
    amount: optionalYuan("programmes.errors.money"),
    note: optionalUserText(1000, "programmes.errors.too_long", { multiline: true }).default(""),
    idempotencyKey: z.string().min(8),
  }),
  z.object({
    intent: z.literal("evaluate"),
    score,
    narrative: text(4, 4000, "programmes.errors.narrative"),
    commended: z.preprocess((value) => value === "on" || value === true, z.boolean()),
  }),
]);
