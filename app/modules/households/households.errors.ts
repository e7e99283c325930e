import type { ErrorSpec } from "~/utils/errors";

export const householdsErrors = {
  "households.not_found": { status: 404, message: "error.404" },
  "households.forbidden": { status: 403, message: "error.403" },
  "households.duplicate_code": { status: 409, message: "households.errors.duplicate_code", field: "code" },
  "households.village_exists": { status: 409, message: "households.errors.village_exists", field: "name" },
  "households.village_county": {
    status: 400,
    message: "households.errors.village_county",
    field: "countyCode",
  },
  "households.year_recorded": { status: 409, message: "households.errors.year_recorded", field: "year" },
  "households.year_order": { status: 409, message: "households.errors.year_order", field: "year" },
  "households.lifted_needs_poor": {
    status: 409,
    message: "households.errors.lifted_needs_poor",
    field: "status",
  },
  "households.transition": { status: 409, message: "households.errors.transition", field: "to" },
  "households.change_year": { status: 409, message: "households.errors.change_year", field: "year" },
  "households.village_missing": {
    status: 400,
    message: "households.errors.village_missing",
    field: "villageId",
  },
  "households.target_missing": {
    status: 400,
    message: "households.errors.target_missing",
    field: "targetId",
  },
  "households.target_county": { status: 409, message: "households.errors.target_county", field: "targetId" },
  "households.target_type": { status: 409, message: "households.errors.target_type", field: "targetId" },
  "households.link_exists": { status: 409, message: "households.errors.link_exists", field: "targetId" },
  "households.link_ended": { status: 409, message: "households.errors.link_ended" },
  "households.organisation_missing": {
    status: 400,
    message: "households.errors.organisation_missing",
    field: "organisationId",
  },
  "households.organisation_county": {
    status: 409,
    message: "households.errors.organisation_county",
    field: "organisationId",
  },
} as const satisfies Record<string, ErrorSpec>;
