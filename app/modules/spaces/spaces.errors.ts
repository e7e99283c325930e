import type { ErrorSpec } from "~/utils/errors";

/** Refusals of the Star Innovation Space services (星创天地服务). */
export const spacesErrors = {
  "service.not_found": { status: 404, message: "error.404" },
  "service.forbidden": { status: 403, message: "error.403" },
  "service.space_not_verified": { status: 409, message: "spaces.errors.space_not_verified" },
  "service.space_required": { status: 400, message: "spaces.errors.space_required", field: "organisationId" },
  "service.not_space_member": {
    status: 403,
    message: "spaces.errors.not_space_member",
    field: "organisationId",
  },
  "service.invalid_transition": { status: 409, message: "spaces.errors.invalid_transition" },
  "service.not_hideable": { status: 409, message: "spaces.errors.not_hideable" },
  "service.reason_required": { status: 400, message: "spaces.errors.reason_length", field: "reason" },
  "space.not_found": { status: 404, message: "error.404" },
  "space.forbidden": { status: 403, message: "error.403" },
  "space.location_out_of_range": { status: 400, message: "spaces.errors.location", field: "latitude" },
  "space.not_recognised": { status: 409, message: "spaces.errors.not_recognised" },
  "space.kpi_year": { status: 400, message: "spaces.errors.kpi_year", field: "year" },
  "service_request.not_found": { status: 404, message: "error.404" },
  "service_request.forbidden": { status: 403, message: "error.403" },
  "service_request.service_unavailable": { status: 409, message: "spaces.errors.service_unavailable" },
  "service_request.invalid_transition": { status: 409, message: "spaces.errors.request_transition" },
  "service_request.not_completed": { status: 409, message: "spaces.errors.rate_after_completion" },
  "service_request.already_rated": { status: 409, message: "spaces.errors.already_rated" },
  "service_request.answer_required": {
    status: 400,
    message: "spaces.errors.response_length",
    field: "response",
  },
  "service_request.reason_required": {
    status: 400,
    message: "spaces.errors.decline_reason",
    field: "reason",
  },
  "service_request.description": {
    status: 400,
    message: "spaces.errors.request_description",
    field: "description",
  },
  "service_request.preferred_date": {
    status: 400,
    message: "spaces.errors.preferred_date",
    field: "preferredDate",
  },
  "service_request.rating_invalid": { status: 400, message: "spaces.errors.rating", field: "rating" },
} as const satisfies Record<string, ErrorSpec>;
