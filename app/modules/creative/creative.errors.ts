import type { ErrorSpec } from "~/utils/errors";

/** Refusals of brand incubation projects and demonstration sites. */
export const creativeErrors = {
  "creative.not_found": { status: 404, message: "error.404" },
  "creative.forbidden": { status: 403, message: "error.403" },
  "creative.brand_exists": { status: 409, message: "creative.errors.brand_exists" },
  "creative.lead_not_accepted": {
    status: 409,
    message: "creative.errors.lead_not_accepted",
    field: "leadUserId",
  },
  "creative.incubator_required": {
    status: 400,
    message: "creative.errors.incubator_required",
    field: "incubatorOrganisationId",
  },
  "creative.brand_closed": { status: 409, message: "creative.errors.brand_closed" },
  "creative.brand_stage_order": { status: 409, message: "creative.errors.brand_stage_order" },
  "creative.brand_not_launched": { status: 409, message: "creative.errors.brand_not_launched" },
  "creative.trademark_required": {
    status: 400,
    message: "creative.errors.trademark_required",
    field: "trademarkApplicationNo",
  },
  "creative.reason_required": { status: 400, message: "creative.errors.reason_required", field: "reason" },
  "creative.demo_transition": { status: 409, message: "creative.errors.demo_transition" },
  "creative.organisation_unknown": {
    status: 400,
    message: "creative.errors.organisation_unknown",
    field: "organisationId",
  },
} as const satisfies Record<string, ErrorSpec>;
