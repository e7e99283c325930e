import { z } from "zod";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { ORGANISATION_TYPES_BY_ROLE, SELF_REGISTER_ROLES, isOrganisationRole } from "./roles";
import { optionalUserText } from "~/utils/user-text";

/**
 * Cross-field rules run even when single fields already failed, so a person sees every problem
 * of the form at once instead of one round trip per problem. They read the raw values defensively.
 */
const ALWAYS = { when: () => true };

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Accepts a mainland mobile number in the ways people type it (spaces, dashes, +86 or 0086)
 * or an e-mail address, and returns one canonical form: "+8613800000000" or a lower-case e-mail.
 */
export function normaliseIdentifier(raw: string): { kind: "phone" | "email"; value: string } | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[\s-]/g, "").replace(/^(\+86|0086|86(?=1\d{10}$))/, "");
  if (MAINLAND_MOBILE.test(digits)) return { kind: "phone", value: `+86${digits}` };
  const email = z.email().safeParse(trimmed.toLowerCase());
  return email.success ? { kind: "email", value: email.data } : null;
}

export const IdentifierSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.identifier_invalid")
  .transform((value, ctx) => {
    const identifier = normaliseIdentifier(value);
    if (!identifier) {
      ctx.addIssue({ code: "custom", message: "errors.identifier_invalid" });
      return z.NEVER;
    }
    return identifier;
  });

export const PasswordSchema = z
  .string({ message: "errors.required" })
  .min(8, "errors.password_too_short")
  .max(128, "errors.password_too_long")
  // One message at a time: a too-short password is not also called weak.
  .refine(
    (value) => value.length < 8 || (/\p{L}/u.test(value) && /\d/.test(value)),
    "errors.password_too_weak",
  );

export const RegisterSchema = z
  .object({
    identifier: IdentifierSchema,
    displayName: z
      .string({ message: "errors.required" })
      .trim()
      .min(1, "errors.display_name_length")
      .max(40, "errors.display_name_length"),
    password: PasswordSchema,
    confirmPassword: z.string({ message: "errors.required" }),
    role: z.enum(SELF_REGISTER_ROLES, { message: "errors.role_invalid" }),
    countyCode: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }).optional(),
    organisationName: optionalUserText(80, "errors.organisation_name_length"),
    organisationType: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    if (form.password !== form.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.password_mismatch" });
    }
    if (typeof form.role !== "string" || !isOrganisationRole(form.role)) return;
    if (!form.organisationName) {
      ctx.addIssue({ code: "custom", path: ["organisationName"], message: "errors.organisation_required" });
    }
    const allowed: readonly string[] = ORGANISATION_TYPES_BY_ROLE[form.role];
    if (!form.organisationType || !allowed.includes(form.organisationType)) {
      ctx.addIssue({
        code: "custom",
        path: ["organisationType"],
        message: "errors.organisation_type_invalid",
      });
    }
  }, ALWAYS);

export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.object({
  identifier: IdentifierSchema,
  password: z.string({ message: "errors.required" }).min(1, "errors.required").max(128),
  redirectTo: z.string().optional(),
});

export type LoginInput = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "errors.required" }).min(1, "errors.required").max(128),
    newPassword: PasswordSchema,
    confirmPassword: z.string({ message: "errors.required" }),
  })
  .superRefine((form, ctx) => {
    if (form.newPassword !== form.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.password_mismatch" });
    }
    if (form.newPassword === form.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "errors.password_same" });
    }
  }, ALWAYS);
