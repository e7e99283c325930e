import { z } from "zod";
import { TownProjectKind, TownStatus } from "~/generated/prisma/enums";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { userText } from "~/utils/user-text";

export const TOWN_STATUSES = Object.values(TownStatus) as [TownStatus, ...TownStatus[]];
export const TOWN_PROJECT_KINDS = Object.values(TownProjectKind) as [TownProjectKind, ...TownProjectKind[]];
/** The four sections of a town's plan (生态、功能、产业、环境), in the plan's order. */
export const TOWN_PLAN_SECTIONS = ["ecologyPlan", "functionPlan", "industryPlan", "environmentPlan"] as const;

const section = userText(10, 4000, "towns.errors.section_length", { multiline: true });

export const TownFormSchema = z.object({
  name: userText(2, 60, "towns.errors.name_length"),
  countyCode: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }),
  ecologyPlan: section,
  functionPlan: section,
  industryPlan: section,
  environmentPlan: section,
  status: z.enum(TOWN_STATUSES, { message: "towns.errors.status" }).default("PLANNING"),
});
export type TownFields = z.output<typeof TownFormSchema>;

const id = z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40);

/** The buttons of a town's page. */
export const TownActionSchema = z.discriminatedUnion("intent", [
  TownFormSchema.extend({ intent: z.literal("save") }),
  z.object({
    intent: z.literal("link"),
    kind: z.enum(TOWN_PROJECT_KINDS, { message: "towns.errors.kind" }),
    targetId: id,
  }),
  z.object({ intent: z.literal("unlink"), linkId: id }),
]);

/** The list's filters from the URL; a value that does not fit is dropped. */
export const TownFiltersSchema = z.object({
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  status: z.enum(TOWN_STATUSES).optional().catch(undefined),
});
export type TownFilters = z.output<typeof TownFiltersSchema>;

/** GET /api/v1/towns query. */
export const TownsApiQuerySchema = z.object({
  county: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }).optional(),
  status: z.enum(TOWN_STATUSES, { message: "towns.errors.status" }).optional(),
});
