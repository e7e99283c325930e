import type { ErrorSpec } from "~/utils/errors";

export const revenueErrors = {
  "revenue.not_found": { status: 404, message: "error.404" },
  "revenue.forbidden": { status: 403, message: "error.403" },
  "revenue.agreement_not_active": { status: 409, message: "revenue.errors.not_active" },
  "revenue.no_component": { status: 400, message: "revenue.errors.no_component" },
  "revenue.unknown_period": { status: 400, message: "revenue.errors.unknown_period" },
  "revenue.period_not_ended": { status: 409, message: "revenue.errors.period_not_ended" },
  "revenue.negative_revenue": { status: 400, message: "revenue.errors.negative_revenue", field: "base" },
  "revenue.evidence_required": {
    status: 400,
    message: "revenue.errors.evidence_required",
    field: "evidence",
  },
  "revenue.already_reported": { status: 409, message: "revenue.errors.already_reported" },
  "revenue.already_settled": { status: 409, message: "revenue.errors.already_settled" },
} as const satisfies Record<string, ErrorSpec>;
