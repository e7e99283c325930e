import { z } from "zod";
import { optionalUserText } from "~/utils/user-text";
import { ServiceRequestStatus } from "~/generated/prisma/enums";
import { endOfDayInLuoyang } from "~/utils/dates";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { audienceGroup } from "./audiences.schema";

export const REQUEST_STATUSES = Object.values(ServiceRequestStatus) as [
  ServiceRequestStatus,
  ...ServiceRequestStatus[],
];

/** What a village or farmer asks of a published service. */
export const ServiceRequestFormSchema = z.object({
  description: z
    .string({ message: "spaces.errors.request_description" })
    .trim()
    .min(10, "spaces.errors.request_description")
    .max(2000, "spaces.errors.request_description"),
  countyCode: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }),
  /** Who asks: a returning migrant, a graduate … (counted in the space's KPIs). */
  audienceGroup,
  village: optionalUserText(60, "spaces.errors.too_long"),
  // A day picked in Luoyang; today is still fine, yesterday is not.
  preferredDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "spaces.errors.preferred_date")
    .optional()
    .refine((day) => !day || endOfDayInLuoyang(day).getTime() > Date.now(), "spaces.errors.preferred_date"),
});

export type ServiceRequestFields = z.output<typeof ServiceRequestFormSchema>;

const answer = (message: string, max: number) =>
  z.string({ message }).trim().min(2, message).max(max, message);

/** The space's buttons in its inbox; each names the request. */
export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept"),
    requestId: z.string().max(40),
    response: answer("spaces.errors.response_length", 1000),
  }),
  z.object({
    intent: z.literal("decline"),
    requestId: z.string().max(40),
    reason: answer("spaces.errors.decline_reason", 500),
  }),
  z.object({ intent: z.literal("complete"), requestId: z.string().max(40) }),
]);

/** The requester's buttons on their own requests. */
export const MyRequestActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), requestId: z.string().max(40) }),
  z.object({
    intent: z.literal("rate"),
    requestId: z.string().max(40),
    rating: z
      .number({ message: "spaces.errors.rating" })
      .int("spaces.errors.rating")
      .min(1, "spaces.errors.rating")
      .max(5, "spaces.errors.rating"),
    feedback: optionalUserText(1000, "spaces.errors.too_long", { multiline: true }),
  }),
]);

/** The inbox's status filter from the URL. */
export const InboxFilterSchema = z.object({ status: z.enum(REQUEST_STATUSES).optional().catch(undefined) });
