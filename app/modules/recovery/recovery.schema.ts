import { z } from "zod";
import { IdentifierSchema, PasswordSchema } from "~/modules/users/users.schema";

const ALWAYS = { when: () => true };

/** How long a reset code or link stays valid. */
export const CODE_TTL_MINUTES = 15;

export const ForgotPasswordSchema = z.object({ identifier: IdentifierSchema });

const NewPassword = {
  newPassword: PasswordSchema,
  confirmPassword: z.string({ message: "errors.required" }),
};

/** A code is typed with its account; spaces and dashes people add while reading it out are dropped. */
const CodeSchema = z
  .string({ message: "errors.required" })
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6,8}$/, "recovery.errors.code_format"));

export const ResetPasswordSchema = z
  .discriminatedUnion("method", [
    z.object({ method: z.literal("link"), token: z.string().regex(/^[\w-]{43}$/), ...NewPassword }),
    z.object({ method: z.literal("code"), identifier: IdentifierSchema, code: CodeSchema, ...NewPassword }),
  ])
  .superRefine((form, ctx) => {
    if (form.newPassword !== form.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.password_mismatch" });
    }
  }, ALWAYS);

export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

export const IssueRecoveryCodeSchema = z.object({
  identifier: IdentifierSchema,
  /** How the issuer made sure the person is the account's owner: kept in the audit log. */
  identityCheck: z
    .string({ message: "recovery.errors.identity_check" })
    .trim()
    .min(2, "recovery.errors.identity_check")
    .max(200),
  confirmed: z.literal("on", { message: "recovery.errors.confirm" }),
});

export type IssueRecoveryCodeInput = z.infer<typeof IssueRecoveryCodeSchema>;
