import type { ErrorSpec } from "~/utils/errors";

/** Refusals of commissioners applying in their own name or as a team, and of team membership. */
export const applicantsErrors = {
  "applicant.not_commissioner": {
    status: 403,
    message: "applicants.errors.not_commissioner",
    field: "organisationId",
  },
  "applicant.kind_not_allowed": {
    status: 403,
    message: "applicants.errors.kind_not_allowed",
    field: "organisationId",
  },
  "applicant.no_link": { status: 400, message: "applicants.errors.no_link", field: "link" },
  "applicant.duplicate": { status: 409, message: "applicants.errors.duplicate", field: "organisationId" },
  "applicant.member_banned": {
    status: 403,
    message: "applicants.errors.member_banned",
    field: "organisationId",
  },
  "team.not_found": { status: 404, message: "error.404" },
  "team.not_lead": { status: 403, message: "applicants.errors.not_lead", field: "organisationId" },
  "team.too_small": { status: 409, message: "applicants.errors.team_too_small", field: "organisationId" },
  "team.member_not_commissioner": {
    status: 409,
    message: "applicants.errors.member_not_commissioner",
    field: "memberIds",
  },
  "team.not_invited": { status: 403, message: "applicants.errors.not_invited" },
} as const satisfies Record<string, ErrorSpec>;
