import type { ErrorSpec } from "~/utils/errors";

/** Refusals of teams, ventures (领办/创办/联办) and 停薪留职 leave (issue 23). */
export const commissionerTeamsErrors = {
  "team.lead_cannot_leave": { status: 409, message: "teams.errors.lead_cannot_leave" },
  "team.not_member": { status: 403, message: "teams.errors.not_member" },
  "team.already_member": { status: 409, message: "teams.errors.already_member", field: "userId" },
  "team.new_lead_not_confirmed": {
    status: 409,
    message: "teams.errors.new_lead_not_confirmed",
    field: "userId",
  },
  "venture.not_found": { status: 404, message: "error.404" },
  "venture.forbidden": { status: 403, message: "error.403" },
  "venture.not_commissioner": { status: 403, message: "teams.errors.not_commissioner" },
  "venture.organisation_unknown": {
    status: 400,
    message: "teams.errors.organisation_unknown",
    field: "organisationId",
  },
  "venture.organisation_no_county": {
    status: 409,
    message: "teams.errors.organisation_no_county",
    field: "organisationId",
  },
  "venture.agreement_unrelated": {
    status: 400,
    message: "teams.errors.agreement_unrelated",
    field: "agreementId",
  },
  "venture.equity_unrelated": {
    status: 400,
    message: "teams.errors.equity_unrelated",
    field: "equityHoldingId",
  },
  "venture.duplicate": { status: 409, message: "teams.errors.venture_duplicate", field: "startDate" },
  "venture.end_before_start": { status: 400, message: "teams.errors.end_before_start", field: "endDate" },
  "venture.already_verified": { status: 409, message: "teams.errors.already_verified" },
  "venture.already_refused": { status: 409, message: "teams.errors.already_refused" },
  "leave.already_verified": { status: 409, message: "teams.errors.already_verified" },
  "leave.already_refused": { status: 409, message: "teams.errors.already_refused" },
  "leave.end_unchanged": { status: 409, message: "teams.errors.leave_end_unchanged", field: "endDate" },
  "leave.not_found": { status: 404, message: "error.404" },
  "leave.forbidden": { status: 403, message: "error.403" },
  "leave.not_commissioner": { status: 409, message: "teams.errors.leave_not_commissioner", field: "userId" },
  "leave.overlap": { status: 409, message: "teams.errors.leave_overlap", field: "startDate" },
  "leave.end_before_start": { status: 400, message: "teams.errors.end_before_start", field: "endDate" },
  "leave.employer_unknown": {
    status: 400,
    message: "teams.errors.organisation_unknown",
    field: "employerOrganisationId",
  },
} as const satisfies Record<string, ErrorSpec>;
