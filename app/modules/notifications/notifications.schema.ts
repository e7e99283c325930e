import { z } from "zod";
import { NOTIFICATION_CATEGORIES } from "./notification-categories";

/** The actions of the notifications page. */
export const NotificationIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("open"),
    id: z.string({ error: "errors.required" }).min(1, "errors.required"),
  }),
  z.object({ intent: z.literal("mark-all") }),
]);

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const TimeOfDay = z
  .string({ error: "notifications.prefs.timeRequired" })
  .regex(TIME, "notifications.prefs.timeInvalid")
  .transform((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));

const Categories = z.array(z.enum(NOTIFICATION_CATEGORIES)).default([]);

/**
 * The channel settings form: the ticked categories for text messages and for e-mail, and the
 * quiet hours for text messages (a start and end time, Luoyang time) when they are kept.
 */
export const NotificationPreferencesSchema = z
  .object({
    sms: Categories,
    email: Categories,
    quiet: z.literal("on").optional(),
    quietStart: TimeOfDay.optional(),
    quietEnd: TimeOfDay.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.quiet) return;
    for (const field of ["quietStart", "quietEnd"] as const) {
      if (value[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "notifications.prefs.timeRequired" });
    }
    if (value.quietStart !== undefined && value.quietStart === value.quietEnd)
      ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "notifications.prefs.timeSame" });
  });

export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesSchema>;
