import type { ErrorSpec } from "~/utils/errors";

export const recoveryErrors = {
  "recovery.code_invalid": { status: 400, message: "recovery.errors.code_invalid", field: "code" },
  "recovery.link_invalid": { status: 400, message: "recovery.errors.link_invalid" },
  "recovery.throttled": { status: 429, message: "errors.too_many_attempts" },
  "recovery.forbidden": { status: 403, message: "error.403" },
  "recovery.user_not_found": { status: 404, message: "recovery.errors.user_not_found", field: "identifier" },
} as const satisfies Record<string, ErrorSpec>;
