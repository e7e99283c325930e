import type { ErrorSpec } from "~/utils/errors";

/** Refusals of training bases, their courses and enrolments. */
export const basesErrors = {
  "base.not_found": { status: 404, message: "error.404" },
  "base.forbidden": { status: 403, message: "error.403" },
  "base.duplicate": { status: 409, message: "bases.errors.duplicate", field: "name" },
  "base.seats_over_capacity": { status: 400, message: "bases.errors.seats_over_capacity", field: "seats" },
  "base.course_full": { status: 409, message: "bases.errors.course_full" },
  "base.course_closed": { status: 409, message: "bases.errors.course_closed" },
  "base.own_course": { status: 403, message: "bases.errors.own_course" },
  "base.not_enrolled": { status: 409, message: "bases.errors.not_enrolled" },
  "base.already_completed": { status: 409, message: "bases.errors.already_completed" },
  "base.seats_below_enrolled": {
    status: 409,
    message: "bases.errors.seats_below_enrolled",
    field: "seats",
  },
  "base.course_cancelled": { status: 409, message: "bases.errors.course_cancelled" },
  "base.course_over": { status: 409, message: "bases.errors.course_over" },
} as const satisfies Record<string, ErrorSpec>;
