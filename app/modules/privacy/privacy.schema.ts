import { z } from "zod";
import { RegisterSchema } from "~/modules/users/users.schema";
import { SENSITIVE_PURPOSES } from "./policy";

/** The registration form's consent box: without it nobody is registered. */
export const NoticeConsentSchema = z.object({
  consent: z.literal("on", { message: "privacy.errors.noticeRequired" }),
});

/** Registration: nobody is registered without agreeing to the notice (recorded with its version). */
export const RegisterWithConsentSchema = RegisterSchema.and(NoticeConsentSchema);

const Purpose = z.enum(SENSITIVE_PURPOSES, { message: "errors.required" });
const Ticked = z.literal("on", { message: "privacy.errors.confirm" });

/** The actions of /account/privacy, told apart by intent. */
export const PrivacyActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("grant"),
    purpose: Purpose,
    agree: Ticked,
    returnTo: z.string().max(500).optional(),
  }),
  z.object({ intent: z.literal("withdraw"), purpose: Purpose }),
  z.object({
    intent: z.literal("delete"),
    confirm: Ticked,
    password: z
      .string({ message: "errors.required" })
      .min(1, "errors.required")
      .max(128, "privacy.errors.passwordWrong"),
  }),
]);
