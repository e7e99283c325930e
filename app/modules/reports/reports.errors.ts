import type { ErrorSpec } from "~/utils/errors";

/** Refusals of returns, deadlines and the roll-up. */
export const reportsErrors = {
  "report.not_found": { status: 404, message: "error.404" },
  "report.not_yours": { status: 403, message: "reports.errors.not_yours" },
  "report.submitted": { status: 409, message: "reports.errors.submitted" },
  "report.period_open": { status: 409, message: "reports.errors.period_open", field: "periodKey" },
  "report.period_not_over": { status: 409, message: "reports.errors.period_not_over" },
} as const satisfies Record<string, ErrorSpec>;
