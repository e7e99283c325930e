import type { ErrorSpec } from "~/utils/errors";

export const countiesErrors = {
  "counties.not_found": { status: 404, message: "error.404" },
  "counties.forbidden": { status: 403, message: "error.403" },
  "counties.user_not_found": { status: 404, message: "counties.errors.user_not_found", field: "identifier" },
  "counties.not_self": { status: 409, message: "counties.errors.not_self", field: "identifier" },
  "counties.not_admin": { status: 409, message: "counties.errors.not_admin", field: "identifier" },
  "counties.city_staff": { status: 409, message: "counties.errors.city_staff", field: "identifier" },
  "counties.acts_for_organisation": {
    status: 409,
    message: "counties.errors.acts_for_organisation",
    field: "identifier",
  },
  "counties.already_officer": {
    status: 409,
    message: "counties.errors.already_officer",
    field: "identifier",
  },
  "counties.county_required": {
    status: 400,
    message: "counties.errors.county_required",
    field: "countyCode",
  },
  "counties.grant_revoked": { status: 409, message: "counties.errors.grant_revoked" },
  "counties.opinion_recorded": { status: 409, message: "counties.errors.opinion_recorded" },
  "counties.already_decided": { status: 409, message: "counties.errors.already_decided" },
  "counties.awaiting_opinion": { status: 409, message: "counties.errors.awaiting_opinion" },
} as const satisfies Record<string, ErrorSpec>;
