import { z } from "zod";
import { AudienceGroup } from "~/generated/prisma/enums";

/** The groups a space serves (plan §4.2), in the order forms and tables list them. */
export const AUDIENCE_GROUPS = Object.values(AudienceGroup) as [AudienceGroup, ...AudienceGroup[]];

export const audienceGroup = z.enum(AUDIENCE_GROUPS, { message: "spaces.errors.audience_group" });

/** People served by group in one year's KPI report: one count per group, empty meaning none. */
const served = z
  .number({ message: "spaces.errors.kpi_count" })
  .int("spaces.errors.kpi_count")
  .min(0, "spaces.errors.kpi_count")
  .max(1_000_000, "spaces.errors.kpi_count")
  .optional();

export const AudienceFieldsSchema = z.object({
  served_RETURNING_MIGRANT: served,
  served_GRADUATE: served,
  served_PROFESSIONAL_FARMER: served,
  served_MAKER: served,
  served_OTHER: served,
} satisfies Record<`served_${AudienceGroup}`, typeof served>);
export type AudienceFields = z.output<typeof AudienceFieldsSchema>;
