import type { ErrorSpec } from "~/utils/errors";

/** Refusals of the open API itself (the services' own refusals keep their codes). */
export const apiErrors = {
  "api.unauthorized": { status: 401, message: "api.problem.unauthorized" },
  "api.scope_missing": { status: 403, message: "api.problem.scope_missing" },
  "api.not_found": { status: 404, message: "api.problem.not_found" },
  "api.invalid_json": { status: 400, message: "api.problem.invalid_json" },
  "api.invalid_cursor": { status: 400, message: "api.problem.invalid_cursor" },
  "api.method_not_allowed": { status: 405, message: "api.problem.method_not_allowed" },
} as const satisfies Record<string, ErrorSpec>;
