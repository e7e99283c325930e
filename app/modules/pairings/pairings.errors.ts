import type { ErrorSpec } from "~/utils/errors";

export const pairingsErrors = {
  "pairings.not_found": { status: 404, message: "error.404" },
  "pairings.forbidden": { status: 403, message: "error.403" },
  "pairings.not_institution": {
    status: 403,
    message: "pairings.errors.not_institution",
    field: "organisationId",
  },
  "pairings.village_elsewhere": {
    status: 400,
    message: "pairings.errors.village_elsewhere",
    field: "villageId",
  },
  "pairings.already_paired": { status: 409, message: "pairings.errors.already_paired" },
  "pairings.not_proposed": { status: 409, message: "pairings.errors.not_proposed" },
  "pairings.not_active": { status: 409, message: "pairings.errors.not_active" },
  "pairings.report_filed": { status: 409, message: "pairings.errors.report_filed" },
  "pairings.report_future": { status: 400, message: "pairings.errors.report_future", field: "year" },
  "pairings.unknown_commitment": { status: 400, message: "pairings.errors.unknown_commitment" },
  "pairings.already_acknowledged": { status: 409, message: "pairings.errors.already_acknowledged" },
  "pairings.county_required": {
    status: 400,
    message: "pairings.errors.county_required",
    field: "countyCode",
  },
  "pairings.not_candidate": { status: 409, message: "pairings.errors.not_candidate" },
  "pairings.talent_not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
