import type { ErrorSpec } from "~/utils/errors";

/** Refusals of project monitoring: budgets, change requests, progress reports, site visits, flags. */
export const monitoringErrors = {
  "monitoring.not_found": { status: 404, message: "monitoring.errors.not_found" },
  "monitoring.forbidden": { status: 403, message: "monitoring.errors.forbidden" },
  "monitoring.not_funded": { status: 409, message: "monitoring.errors.not_funded" },
  "monitoring.budget_total": { status: 400, message: "monitoring.errors.budget_total", field: "budget" },
  "monitoring.change_open": { status: 409, message: "monitoring.errors.change_open" },
  "monitoring.change_empty": { status: 400, message: "monitoring.errors.change_empty" },
  "monitoring.budget_first": { status: 409, message: "monitoring.errors.budget_first" },
  "monitoring.already_decided": { status: 409, message: "monitoring.errors.already_decided" },
  "monitoring.not_your_step": { status: 403, message: "monitoring.errors.not_your_step" },
  "monitoring.refusal_reason": { status: 400, message: "monitoring.errors.refusal_reason", field: "note" },
  "monitoring.no_such_period": { status: 400, message: "monitoring.errors.no_such_period", field: "period" },
  "monitoring.report_filed": { status: 409, message: "monitoring.errors.report_filed" },
  "monitoring.not_due_yet": { status: 409, message: "monitoring.errors.not_due_yet", field: "period" },
  "monitoring.visit_future": { status: 400, message: "monitoring.errors.visit_future", field: "visitedOn" },
  "monitoring.flag_reviewed": { status: 409, message: "monitoring.errors.flag_reviewed" },
} as const satisfies Record<string, ErrorSpec>;
