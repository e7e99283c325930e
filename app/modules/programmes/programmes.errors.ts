import type { ErrorSpec } from "~/utils/errors";

/** Refusals of funding programmes: eligibility, review, approval, disbursement, evaluation. */
export const programmesErrors = {
  "programme.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
