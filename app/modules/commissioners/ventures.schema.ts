import { z } from "zod";
import { VentureRole } from "~/generated/prisma/enums";
import { yuanField } from "~/modules/wallet/wallet.schema";
import { optionalUserText, userText } from "~/utils/user-text";

/*
 * Boundaries of teams, ventures (领办/创办/联办) and 停薪留职 leave (issue 23): the team page's
 * intents, the venture and outcome forms, the leave form, and the open API's query.
 */

export const VENTURE_ROLES = Object.values(VentureRole) as [VentureRole, ...VentureRole[]];

const id = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(40, "errors.required");
const optionalId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value) => (value ? value : undefined));
// Form dates arrive as "YYYY-MM-DD"; conform turns them into Date (UTC midnight of that day).
const day = z.date({ message: "commissioners.errors.date_invalid" });
const count = (message: string) =>
  z.number({ message }).int(message).min(0, message).max(10_000_000, message);

/** The team page: invite (lead), confirm / decline (invitee), leave (member), hand over the lead. */
export const TeamPageIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), userId: id }),
  z.object({ intent: z.literal("confirm") }),
  z.object({ intent: z.literal("decline") }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("changeLead"), userId: id }),
]);

/**
 * A stake typed as a percentage ("12.5", "30", "0.25") read into basis points without floating
 * point; blank means no stake.
 */
export const stakeField = z
  .string()
  .trim()
  .max(10, "teams.errors.stake")
  .optional()
  .transform((text, ctx) => {
    if (!text) return null;
    const match = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.replace(/[％%]$/, ""));
    if (!match) {
      ctx.addIssue({ code: "custom", message: "teams.errors.stake" });
      return z.NEVER;
    }
    const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
    if (bp > 10_000) {
      ctx.addIssue({ code: "custom", message: "teams.errors.stake" });
      return z.NEVER;
    }
    return bp;
  });

export const VentureSchema = z
  .object({
    /** "self", or the id of a team the actor leads. */
    holder: id,
    role: z.enum(VENTURE_ROLES, { message: "teams.errors.role" }),
    title: userText(2, 80, "teams.errors.title", { required: "teams.errors.title" }),
    organisationId: id,
    agreementId: optionalId,
    equityHoldingId: optionalId,
    stake: stakeField,
    startDate: day,
    endDate: day.optional(),
  })
  .refine((form) => !form.endDate || form.endDate >= form.startDate, {
    path: ["endDate"],
    message: "teams.errors.end_before_start",
  });
export type VentureFields = z.output<typeof VentureSchema>;

export const OutcomeSchema = z.object({
  period: z
    .string({ message: "teams.errors.period" })
    .trim()
    .toUpperCase()
    .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, "teams.errors.period")
    .refine(
      (period) => Number(period.slice(0, 4)) >= 2015 && Number(period.slice(0, 4)) <= 2100,
      "teams.errors.period",
    ),
  revenue: yuanField({ signed: true }).refine((fen) => fen >= 0, "teams.errors.revenue"),
  jobs: count("teams.errors.count"),
  householdsReached: count("teams.errors.count"),
  note: optionalUserText(500, "commissioners.errors.note_length", { multiline: true }).default(""),
});
export type OutcomeFields = z.output<typeof OutcomeSchema>;

/** Why an officer refuses a venture or a leave: sent to the person who recorded it. */
const refusalReason = userText(2, 200, "teams.errors.reason_length");

/** The venture page: report an outcome (holder), verify or refuse (county officer / bureau). */
export const VentureIntentSchema = z.discriminatedUnion("intent", [
  OutcomeSchema.extend({ intent: z.literal("outcome") }),
  z.object({ intent: z.literal("verify") }),
  z.object({ intent: z.literal("refuse"), reason: refusalReason }),
]);

export const LeaveSchema = z
  .object({
    startDate: day,
    endDate: day.optional(),
    employerName: userText(2, 80, "teams.errors.employer", { required: "teams.errors.employer" }),
    employerOrganisationId: optionalId,
  })
  .refine((form) => !form.endDate || form.endDate >= form.startDate, {
    path: ["endDate"],
    message: "teams.errors.end_before_start",
  });
export type LeaveFields = z.output<typeof LeaveSchema>;

/** A leave's new end date (later to extend, earlier to end early) and why. */
export const LeaveEndSchema = z.object({
  endDate: day,
  reason: userText(2, 200, "teams.errors.reason_length"),
});
export type LeaveEndFields = z.output<typeof LeaveEndSchema>;

/** The profile's and the bureau page's leave intents. */
export const LeaveIntentSchema = z.discriminatedUnion("intent", [
  LeaveSchema.safeExtend({ intent: z.literal("recordLeave"), userId: id }),
  z.object({ intent: z.literal("verifyLeave"), leaveId: id }),
  z.object({ intent: z.literal("refuseLeave"), leaveId: id, reason: refusalReason }),
  LeaveEndSchema.extend({ intent: z.literal("changeLeaveEnd"), leaveId: id }),
]);

/** The open API's filters on the list of ventures (paging is the API's own). */
export const VentureQuerySchema = z.object({
  countyCode: z
    .string()
    .regex(/^\d{6}$/, "api.problem.invalid_request")
    .optional(),
  role: z.enum(VENTURE_ROLES, { message: "api.problem.invalid_request" }).optional(),
});
