import type { ErrorSpec } from "~/utils/errors";

/** Refusals of the commissioner (科技特派员) programme: cohorts, dispatch, service logs, trainings. */
export const commissionersErrors = {
  "commissioner.not_found": { status: 404, message: "error.404" },
  "commissioner.forbidden": { status: 403, message: "error.403" },
  "commissioner.cohort_exists": { status: 409, message: "commissioners.errors.cohort_exists", field: "year" },
  "commissioner.not_verified_expert": {
    status: 409,
    message: "commissioners.errors.not_verified_expert",
    field: "userId",
  },
  "commissioner.already_dispatched": {
    status: 409,
    message: "commissioners.errors.already_dispatched",
    field: "userId",
  },
  "commissioner.end_before_start": {
    status: 400,
    message: "commissioners.errors.end_before_start",
    field: "endDate",
  },
  "commissioner.date_in_future": {
    status: 400,
    message: "commissioners.errors.date_in_future",
    field: "date",
  },
  "commissioner.date_outside_assignment": {
    status: 400,
    message: "commissioners.errors.date_outside_assignment",
    field: "date",
  },
  "commissioner.farmers_range": {
    status: 400,
    message: "commissioners.errors.farmers_range",
    field: "farmersReached",
  },
  "commissioner.not_commissioner": { status: 403, message: "commissioners.errors.not_commissioner" },
  "commissioner.starts_in_past": {
    status: 400,
    message: "commissioners.errors.starts_in_past",
    field: "startsAt",
  },
  "commissioner.capacity": { status: 400, message: "commissioners.errors.capacity", field: "capacity" },
  "commissioner.training_closed": { status: 409, message: "commissioners.errors.training_closed" },
  "commissioner.training_full": { status: 409, message: "commissioners.errors.training_full" },
  "commissioner.already_signed_up": { status: 409, message: "commissioners.errors.already_signed_up" },
  "commissioner.not_signed_up": { status: 409, message: "commissioners.errors.not_signed_up" },
  "commissioner.not_started": { status: 409, message: "commissioners.errors.not_started" },
  "commissioner.reason_required": {
    status: 400,
    message: "commissioners.errors.reason_required",
    field: "reason",
  },
  "commissioner.log_locked": { status: 409, message: "commissioners.errors.log_locked" },
} as const satisfies Record<string, ErrorSpec>;
