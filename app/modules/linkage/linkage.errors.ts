import type { ErrorSpec } from "~/utils/errors";

/** What the benefit-linkage services refuse (issue 23), with the message people see. */
export const linkageErrors = {
  "linkage.not_found": { status: 404, message: "error.404" },
  "linkage.forbidden": { status: 403, message: "error.403" },
  "linkage.org_not_eligible": { status: 403, message: "linkage.errors.org_not_eligible" },
  "linkage.org_no_county": { status: 409, message: "linkage.errors.org_no_county" },
  "linkage.household_not_found": {
    status: 404,
    message: "linkage.errors.household_not_found",
    field: "householdCode",
  },
  "linkage.duplicate": { status: 409, message: "linkage.errors.duplicate", field: "mechanism" },
  "linkage.agreement_not_ours": {
    status: 409,
    message: "linkage.errors.agreement_not_ours",
    field: "agreementId",
  },
  "linkage.project_not_ours": {
    status: 409,
    message: "linkage.errors.project_not_ours",
    field: "programmeApplicationId",
  },
  "linkage.future_day": { status: 400, message: "linkage.errors.future_day" },
  "linkage.already_ended": { status: 409, message: "linkage.errors.already_ended" },
  "linkage.ended_before_start": {
    status: 400,
    message: "linkage.errors.ended_before_start",
    field: "endedOn",
  },
  "linkage.period_order": { status: 400, message: "linkage.errors.period_order", field: "periodEnd" },
  "linkage.period_outside": { status: 409, message: "linkage.errors.period_outside", field: "periodStart" },
  "linkage.period_paid": { status: 409, message: "linkage.errors.period_paid", field: "periodStart" },
  "linkage.period_overlaps": { status: 409, message: "linkage.errors.period_overlaps", field: "periodStart" },
  /** Evaluation of a project under a programme that requires benefit linkage (programme condition). */
  "linkage.required_for_evaluation": { status: 409, message: "linkage.errors.required_for_evaluation" },
} as const satisfies Record<string, ErrorSpec>;
