import { z } from "zod";
import { ConsentMethod } from "~/generated/prisma/enums";
import { NeedFormSchema } from "~/modules/needs/needs.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { MAX_AUDIO_BYTES } from "~/modules/uploads/limits";
import { IdentifierSchema, PasswordSchema, normaliseIdentifier } from "~/modules/users/users.schema";
import { optionalUserText } from "~/utils/user-text";

export const CONSENT_METHODS = Object.values(ConsentMethod) as [ConsentMethod, ...ConsentMethod[]];
export const CLAIM_CODE_LENGTH = 6;
const ALWAYS = { when: () => true };

/** A mainland mobile number in any usual spelling, as "+8613…". */
export const MobileSchema = (message: string) =>
  z
    .string({ message })
    .trim()
    .transform((value, ctx) => {
      const identifier = normaliseIdentifier(value);
      if (identifier?.kind !== "phone") {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return identifier.value;
    });

const isFile = (value: unknown): value is File => typeof File !== "undefined" && value instanceof File;

// An empty file input (nothing chosen) counts as no voice note; the server sniffs the real type when storing it.
const voiceFile = z.preprocess(
  (value) => (isFile(value) && value.size > 0 ? value : undefined),
  z
    .custom<File>(isFile)
    .refine((file) => file.size <= MAX_AUDIO_BYTES, "reach.errors.voice_too_large")
    .optional(),
);

/**
 * The informant's form: every field of a need (the needs module's schema and rules) plus the
 * farmer, the consent and an optional voice note. Without the consent box ticked nothing is saved.
 */
export const ProxyNeedFormSchema = NeedFormSchema.safeExtend({
  farmerName: z
    .string({ message: "reach.errors.farmer_name" })
    .trim()
    .min(1, "reach.errors.farmer_name")
    .max(40, "reach.errors.farmer_name"),
  farmerPhone: MobileSchema("reach.errors.farmer_phone"),
  consentMethod: z.enum(CONSENT_METHODS, { message: "reach.errors.consent_method" }),
  consentNote: optionalUserText(500, "needs.errors.too_long", { multiline: true }),
  consentConfirmed: z.literal("on", { message: "reach.errors.consent_required" }),
  voiceNote: voiceFile,
}).superRefine((form, ctx) => {
  if (form.consentMethod === "VOICE" && !form.voiceNote) {
    ctx.addIssue({ code: "custom", path: ["voiceNote"], message: "reach.errors.voice_required" });
  }
  if (form.consentMethod === "SIGNED_FORM" && !(Array.isArray(form.photos) && form.photos.length > 0)) {
    ctx.addIssue({ code: "custom", path: ["photos"], message: "reach.errors.signed_form_photo" });
  }
  if (
    form.consentMethod === "IN_PERSON" &&
    !(typeof form.consentNote === "string" && form.consentNote.length >= 2)
  ) {
    ctx.addIssue({ code: "custom", path: ["consentNote"], message: "reach.errors.consent_note" });
  }
}, ALWAYS);

export type ProxyNeedFormInput = z.infer<typeof ProxyNeedFormSchema>;

export const AppointSchema = z.object({
  intent: z.literal("appoint"),
  identifier: IdentifierSchema,
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }),
  villages: z
    .string()
    .trim()
    .max(300, "needs.errors.too_long")
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(/[,，、\s]+/)
        .map((village) => village.trim())
        .filter(Boolean),
    ),
});

export const InformantsActionSchema = z.discriminatedUnion("intent", [
  AppointSchema,
  z.object({ intent: z.literal("revoke"), informantId: z.string().min(1) }),
]);

const ClaimCode = z
  .string({ message: "errors.required" })
  .trim()
  .regex(new RegExp(`^\\d{${CLAIM_CODE_LENGTH}}$`), "reach.errors.claim_invalid");

/** Claiming while logged in: the number the code was given for and the code; a differing number must be confirmed. */
export const ClaimSchema = z.object({
  phone: MobileSchema("reach.errors.farmer_phone"),
  code: ClaimCode,
  confirm: z.literal("on").optional(),
});

/** Claiming without an account: registers a farmer with that number, then claims. */
export const ClaimAndRegisterSchema = z
  .object({
    phone: MobileSchema("reach.errors.farmer_phone"),
    code: ClaimCode,
    displayName: z
      .string({ message: "errors.required" })
      .trim()
      .min(1, "errors.display_name_length")
      .max(40, "errors.display_name_length"),
    password: PasswordSchema,
    confirmPassword: z.string({ message: "errors.required" }),
  })
  .superRefine((form, ctx) => {
    if (form.password !== form.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.password_mismatch" });
  }, ALWAYS);

const Hours = z.coerce
  .number({ message: "reach.errors.hours" })
  .int("reach.errors.hours")
  .min(1, "reach.errors.hours")
  .max(720, "reach.errors.hours");
const Reason = z
  .string({ message: "reach.errors.reason_required" })
  .trim()
  .min(2, "reach.errors.reason_required")
  .max(500, "needs.errors.too_long");

export const TriageSettingSchema = z.object({
  intent: z.literal("settings"),
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }),
  afterHours: Hours,
  targetHours: Hours,
});

export const AssignSchema = z.object({
  assigneeId: z.string({ message: "reach.errors.assignee_invalid" }).min(1, "reach.errors.assignee_invalid"),
  note: optionalUserText(500, "needs.errors.too_long", { multiline: true }),
});

export const DeclineSchema = z.object({ reason: Reason });

export const PovertySchema = z.object({
  intent: z.enum(["mark", "unmark"]),
  reason: Reason,
});
