import { z } from "zod";
import { CohortKind, ServiceLogKind } from "~/generated/prisma/enums";
import { checkboxes } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { optionalUserText } from "~/utils/user-text";

/** 科技特派员, or the 三区人才专项 (issue 23); one cohort of each kind a year. */
export const COHORT_KINDS = Object.values(CohortKind) as [CohortKind, ...CohortKind[]];
export const SERVICE_LOG_KINDS = Object.values(ServiceLogKind) as [ServiceLogKind, ...ServiceLogKind[]];
export const MAX_FARMERS_REACHED = 100_000;
export const MAX_LOG_PHOTOS = 4;
export const LOGS_PER_PAGE = 20;
/** How long a commissioner may delete a log after writing it; later it is part of the record. */
export const LOG_DELETE_DAYS = 7;

const id = z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40);
const county = z.enum(COUNTY_CODES, { message: "errors.county_invalid" });
// Form dates arrive as "YYYY-MM-DD"; conform turns them into Date (UTC midnight of that day).
const day = z.date({ message: "commissioners.errors.date_invalid" });

export const CohortSchema = z.object({
  kind: z.enum(COHORT_KINDS, { message: "commissioners.errors.cohort_kind" }).default("STANDARD"),
  year: z
    .number({ message: "commissioners.errors.year" })
    .int("commissioners.errors.year")
    .min(2020, "commissioners.errors.year")
    .max(2100, "commissioners.errors.year"),
  name: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "commissioners.errors.name_length")
    .max(60, "commissioners.errors.name_length"),
  targetCount: z
    .number({ message: "commissioners.errors.target" })
    .int("commissioners.errors.target")
    .min(1, "commissioners.errors.target")
    .max(500, "commissioners.errors.target"),
});
export type CohortFields = z.output<typeof CohortSchema>;

/** Villages are typed one per line (or separated by commas), as people name them locally. */
const villageList = z
  .string()
  .optional()
  .transform((text) => [
    ...new Set(
      (text ?? "")
        .split(/[\n,，、]/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(40, "commissioners.errors.village_length"))
      .max(30, "commissioners.errors.villages_count"),
  );

export const DispatchSchema = z
  .object({
    cohortId: id,
    userId: id,
    countyCode: county,
    villages: villageList,
    startDate: day,
    endDate: day,
  })
  .refine((form) => form.endDate >= form.startDate, {
    path: ["endDate"],
    message: "commissioners.errors.end_before_start",
  });
export type DispatchFields = z.output<typeof DispatchSchema>;

export const BureauCommissionersSchema = z.discriminatedUnion("intent", [
  CohortSchema.extend({ intent: z.literal("createCohort") }),
  DispatchSchema.safeExtend({ intent: z.literal("dispatch") }),
]);

export const ServiceLogSchema = z.object({
  assignmentId: id,
  date: day,
  countyCode: county,
  place: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "commissioners.errors.place_length")
    .max(80, "commissioners.errors.place_length"),
  kind: z.enum(SERVICE_LOG_KINDS, { message: "commissioners.errors.kind" }),
  farmersReached: z
    .number({ message: "commissioners.errors.farmers_range" })
    .int("commissioners.errors.farmers_range")
    .min(0, "commissioners.errors.farmers_range")
    .max(MAX_FARMERS_REACHED, "commissioners.errors.farmers_range"),
  note: optionalUserText(2000, "commissioners.errors.note_length", { multiline: true }).default(""),
});
export type ServiceLogFields = z.output<typeof ServiceLogSchema>;

export const TrainingSchema = z.object({
  title: z
    .string({ message: "errors.required" })
    .trim()
    .min(4, "commissioners.errors.title_length")
    .max(80, "commissioners.errors.title_length"),
  description: z
    .string({ message: "errors.required" })
    .trim()
    .min(10, "commissioners.errors.description_length")
    .max(4000, "commissioners.errors.description_length"),
  countyCode: county,
  place: z
    .string({ message: "errors.required" })
    .trim()
    .min(2, "commissioners.errors.place_length")
    .max(80, "commissioners.errors.place_length"),
  // A datetime-local value ("2026-12-01T09:00"); the people who type it are in Beijing time.
  startsAt: z
    .string({ message: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "commissioners.errors.date_invalid")
    .transform((local) => new Date(`${local}:00+08:00`))
    .refine((date) => !Number.isNaN(date.getTime()), "commissioners.errors.date_invalid"),
  capacity: z
    .number({ message: "commissioners.errors.capacity" })
    .int("commissioners.errors.capacity")
    .min(1, "commissioners.errors.capacity")
    .max(1000, "commissioners.errors.capacity"),
});
export type TrainingFields = z.output<typeof TrainingSchema>;

/** The actions of the training list and detail pages. */
export const TrainingActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signUp"), trainingId: id }),
  z.object({ intent: z.literal("cancel"), trainingId: id }),
  z.object({ intent: z.literal("attendance"), trainingId: id, userIds: checkboxes(id) }),
  z.object({
    intent: z.literal("cancelTraining"),
    trainingId: id,
    reason: z
      .string({ message: "commissioners.errors.reason_required" })
      .trim()
      .min(2, "commissioners.errors.reason_required")
      .max(500, "commissioners.errors.reason_required"),
  }),
]);

export const ServiceLogActionSchema = z.object({ intent: z.literal("deleteLog"), logId: id });
