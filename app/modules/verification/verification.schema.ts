import { z } from "zod";
import { userText, optionalUserText } from "~/utils/user-text";
import { normaliseIdentifier } from "~/modules/users/users.schema";
import { isValidCreditCode, isValidIdNumber, normaliseCode } from "./identity-codes";

const ALWAYS = { when: () => true };

function requiredText(max: number, message = "errors.required") {
  return userText(1, max, message);
}

/** A mainland mobile number in any way people type it, stored as "+86…". */
export const MobileSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((value, ctx) => {
    const identifier = normaliseIdentifier(value);
    if (identifier?.kind !== "phone") {
      ctx.addIssue({ code: "custom", message: "verification.errors.mobile" });
      return z.NEVER;
    }
    return identifier.value;
  });

export const CreditCodeSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform(normaliseCode)
  .refine(isValidCreditCode, "verification.errors.credit_code");

export const IdNumberSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform(normaliseCode)
  .refine(isValidIdNumber, "verification.errors.id_number");

const statement = z
  .string({ message: "errors.required" })
  .trim()
  .min(10, "verification.errors.statement_length")
  .max(1000, "verification.errors.statement_length");

const organisationFields = {
  organisationId: requiredText(40),
  creditCode: CreditCodeSchema,
  legalRepresentative: requiredText(40, "verification.errors.name_length"),
  contactPerson: requiredText(40, "verification.errors.name_length"),
  contactPhone: MobileSchema,
  statement,
};

const personFields = {
  realName: requiredText(40, "verification.errors.name_length"),
  idNumber: IdNumberSchema,
  title: optionalUserText(60, "verification.errors.too_long"),
  employer: optionalUserText(80, "verification.errors.too_long"),
  statement,
};

const OrganisationVerificationSchema = z.object({ ...organisationFields, intent: z.literal("organisation") });
export type OrganisationVerificationInput = Omit<z.infer<typeof OrganisationVerificationSchema>, "intent">;

/** Experts also say in what post and for whom they work; farmers leave both empty. */
const PersonVerificationSchema = z
  .object({ ...personFields, intent: z.literal("person"), expert: z.literal("1").optional() })
  .superRefine((form, ctx) => {
    if (form.expert !== "1") return;
    if (!form.title) ctx.addIssue({ code: "custom", path: ["title"], message: "errors.required" });
    if (!form.employer) ctx.addIssue({ code: "custom", path: ["employer"], message: "errors.required" });
  }, ALWAYS);
export type PersonVerificationInput = Omit<z.infer<typeof PersonVerificationSchema>, "intent" | "expert">;

/** The account page submits either kind; `intent` says which. */
export const SubmitVerificationSchema = z.discriminatedUnion("intent", [
  OrganisationVerificationSchema,
  PersonVerificationSchema,
]);

export const DecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({
    intent: z.literal("reject"),
    reason: z
      .string({ message: "verification.errors.reason_required" })
      .trim()
      .min(2, "verification.errors.reason_required")
      .max(500, "verification.errors.too_long"),
  }),
]);

export const QueueFiltersSchema = z.object({
  subject: z.enum(["ORGANISATION", "PERSON"]).optional().catch(undefined),
  status: z.enum(["PENDING", "APPROVED", "REJECTED"]).default("PENDING").catch("PENDING"),
});
export type QueueFilters = z.infer<typeof QueueFiltersSchema>;

/** What is stored in VerificationRequest.details, checked again whenever it is read back. */
export const OrganisationDetailsSchema = z.object({
  creditCode: z.string(),
  legalRepresentative: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  statement: z.string(),
});
export const PersonDetailsSchema = z.object({
  realName: z.string(),
  /** Only the last four characters of the ID number and a SHA-256 of the whole; never the number. */
  idLast4: z.string().length(4),
  idSha256: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string().optional(),
  employer: z.string().optional(),
  statement: z.string(),
});
export type OrganisationDetails = z.infer<typeof OrganisationDetailsSchema>;
export type PersonDetails = z.infer<typeof PersonDetailsSchema>;
