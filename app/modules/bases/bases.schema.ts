import { z } from "zod";
import { TraineeOutcome } from "~/generated/prisma/enums";
import { audienceGroup } from "~/modules/spaces/audiences.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { optionalUserText, userText } from "~/utils/user-text";

export const TRAINEE_OUTCOMES = Object.values(TraineeOutcome) as [TraineeOutcome, ...TraineeOutcome[]];

const day = z
  .string({ message: "bases.errors.date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "bases.errors.date")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "bases.errors.date");

const wholeNumber = (message: string, max: number) =>
  z.number({ message }).int(message).min(1, message).max(max, message);

/** A space's new training base (创业实训基地). */
export const BaseFormSchema = z.object({
  name: userText(2, 60, "bases.errors.name_length"),
  place: userText(2, 120, "bases.errors.place_length"),
  countyCode: z.enum(COUNTY_CODES, { message: "errors.county_invalid" }),
  capacity: wholeNumber("bases.errors.capacity", 10_000),
  facilities: optionalUserText(1000, "bases.errors.too_long", { multiline: true }),
});
export type BaseFields = z.output<typeof BaseFormSchema>;

/** A course at one of the space's bases. */
const CourseObject = z.object({
  baseId: z.string({ message: "errors.required" }).trim().min(1, "errors.required").max(40),
  title: userText(2, 80, "bases.errors.title_length"),
  description: optionalUserText(2000, "bases.errors.too_long", { multiline: true }),
  startsOn: day,
  endsOn: day,
  seats: wholeNumber("bases.errors.seats", 10_000),
});
const datesInOrder = (
  course: { intent?: string; startsOn?: string; endsOn?: string },
  ctx: z.RefinementCtx,
) => {
  if (course.startsOn && course.endsOn && course.endsOn < course.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "bases.errors.date_order" });
};
export const CourseFormSchema = CourseObject.superRefine(datesInOrder);
export type CourseFields = z.output<typeof CourseFormSchema>;

/** The space changes a course: what it is called, its dates and its seats (not below those enrolled). */
const CourseEditObject = CourseObject.omit({ baseId: true });
export const CourseEditSchema = CourseEditObject.superRefine(datesInOrder);
export type CourseEditFields = z.output<typeof CourseEditSchema>;

/** The space's forms on a course's edit page: change it, or cancel it with a reason for the trainees. */
export const CourseManageActionSchema = z
  .discriminatedUnion("intent", [
    CourseEditObject.extend({ intent: z.literal("edit") }),
    z.object({
      intent: z.literal("cancel"),
      reason: userText(2, 200, "bases.errors.reason_length"),
    }),
  ])
  .superRefine(datesInOrder);

/** The buttons of the bases page (the space's forms). */
export const BasesPageActionSchema = z
  .discriminatedUnion("intent", [
    BaseFormSchema.extend({ intent: z.literal("base") }),
    CourseObject.extend({ intent: z.literal("course") }),
  ])
  .superRefine(datesInOrder);

/** The buttons of a course's page: a person enrols or withdraws; the space completes a trainee. */
export const CourseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol"), group: audienceGroup }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({
    intent: z.literal("complete"),
    userId: z.string().trim().min(1).max(40),
    outcome: z.enum(TRAINEE_OUTCOMES, { message: "bases.errors.outcome" }),
    outcomeNote: optionalUserText(500, "bases.errors.too_long"),
  }),
]);
export type CourseAction = z.output<typeof CourseActionSchema>;
