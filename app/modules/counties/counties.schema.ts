import { z } from "zod";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { IdentifierSchema } from "~/modules/users/users.schema";

export const OFFICER_ROLES = ["COUNTY", "FINANCE"] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

// The county is asked for a county officer only; the service refuses a COUNTY grant without one.
export const GrantOfficerSchema = z.object({
  intent: z.literal("grant"),
  identifier: IdentifierSchema,
  role: z.enum(OFFICER_ROLES, { message: "counties.errors.role" }),
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }).optional(),
});

export const OfficersActionSchema = z.discriminatedUnion("intent", [
  GrantOfficerSchema,
  z.object({ intent: z.literal("revoke"), grantId: z.string().min(1).max(40) }),
]);

export const CountyOpinionSchema = z.object({
  recommend: z
    .enum(["yes", "no"], { message: "counties.errors.recommend" })
    .transform((value) => value === "yes"),
  note: z
    .string({ message: "counties.errors.note" })
    .trim()
    .min(4, "counties.errors.note")
    .max(2000, "needs.errors.too_long"),
});
