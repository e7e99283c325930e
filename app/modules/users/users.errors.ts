import type { ErrorSpec } from "~/utils/errors";

export const usersErrors = {
  "auth.identifier_taken": { status: 409, message: "errors.identifier_taken", field: "identifier" },
  "auth.invalid_credentials": { status: 401, message: "errors.invalid_credentials", field: "password" },
  "auth.throttled": { status: 429, message: "errors.password_wait" },
  "auth.current_password_wrong": {
    status: 400,
    message: "errors.current_password_wrong",
    field: "currentPassword",
  },
  "auth.forbidden": { status: 403, message: "error.403" },
  "auth.not_found": { status: 404, message: "error.404" },
} as const satisfies Record<string, ErrorSpec>;
