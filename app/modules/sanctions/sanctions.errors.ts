import type { ErrorSpec } from "~/utils/errors";

/** Refusals of supervision: sanctions (停拨, 追缴) and the 3-year ban (3年内不得承担). */
export const sanctionsErrors = {
  "sanction.banned": { status: 403, message: "sanctions.errors.banned" },
} as const satisfies Record<string, ErrorSpec>;
