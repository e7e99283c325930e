import type { ErrorSpec } from "~/utils/errors";

/** Refusals of funding programmes: eligibility, review, approval, disbursement, evaluation. */
export const programmesErrors = {
  "programme.not_found": { status: 404, message: "error.404" },
  "programme.forbidden": { status: 403, message: "error.403" },
  "programme.invalid_transition": { status: 409, message: "programmes.errors.invalid_transition" },
  "programme.not_draft": { status: 409, message: "programmes.errors.not_draft" },
  "programme.not_open": { status: 409, message: "programmes.errors.not_open" },
  "programme.past_deadline": { status: 409, message: "programmes.errors.past_deadline" },
  "programme.not_member": { status: 403, message: "programmes.errors.not_member", field: "organisationId" },
  "programme.org_unverified": {
    status: 403,
    message: "programmes.errors.org_unverified",
    field: "organisationId",
  },
  "programme.ineligible_county": {
    status: 403,
    message: "programmes.errors.ineligible_county",
    field: "countyCode",
  },
  "programme.ineligible_industry": {
    status: 403,
    message: "programmes.errors.ineligible_industry",
    field: "industry",
  },
  "programme.ineligible_org_type": {
    status: 403,
    message: "programmes.errors.ineligible_org_type",
    field: "organisationId",
  },
  "programme.over_max_award": {
    status: 400,
    message: "programmes.errors.over_max_award",
    field: "requested",
  },
  "programme.link_invalid": { status: 400, message: "programmes.errors.link", field: "link" },
  "programme.duplicate": { status: 409, message: "programmes.errors.duplicate", field: "link" },
  "programme.conflict_of_interest": { status: 403, message: "programmes.errors.conflict_of_interest" },
  "programme.already_reviewed": { status: 409, message: "programmes.errors.already_reviewed" },
  "programme.already_decided": { status: 409, message: "programmes.errors.already_decided" },
  "programme.not_enough_reviews": { status: 409, message: "programmes.errors.not_enough_reviews" },
  "programme.over_requested": { status: 400, message: "programmes.errors.over_requested", field: "approved" },
  "programme.approve_over_max": {
    status: 400,
    message: "programmes.errors.over_max_award",
    field: "approved",
  },
  "programme.over_uncommitted": {
    status: 409,
    message: "programmes.errors.over_uncommitted",
    field: "approved",
  },
  "programme.suspended": { status: 409, message: "programmes.errors.suspended" },
  "programme.budget_exhausted": {
    status: 409,
    message: "programmes.errors.budget_exhausted",
    field: "amount",
  },
  "programme.over_approved": { status: 409, message: "programmes.errors.over_approved", field: "amount" },
  "programme.not_disbursable": { status: 409, message: "programmes.errors.not_disbursable" },
  "programme.not_evaluated": { status: 409, message: "programmes.errors.not_evaluated" },
  "programme.evaluation_failed": { status: 409, message: "programmes.errors.evaluation_failed" },
  "programme.not_approved": { status: 409, message: "programmes.errors.not_approved" },
  "programme.already_reported": { status: 409, message: "programmes.errors.already_reported" },
  "programme.agreement_not_completed": { status: 409, message: "programmes.errors.agreement_not_completed" },
  "programme.not_completed": { status: 409, message: "programmes.errors.not_completed" },
  "programme.already_evaluated": { status: 409, message: "programmes.errors.already_evaluated" },
} as const satisfies Record<string, ErrorSpec>;
