import type { ErrorSpec } from "~/utils/errors";

export const applicationsErrors = {
  "application.not_found": { status: 404, message: "error.404" },
  "application.forbidden": { status: 403, message: "error.403" },
  "application.duplicate": { status: 409, message: "applications.errors.duplicate" },
  "application.need_not_open": { status: 409, message: "applications.errors.not_open" },
  "application.own_need": { status: 403, message: "applications.errors.own_need" },
  "application.not_verified": { status: 403, message: "applications.errors.not_verified" },
  "application.arrangement_not_accepted": {
    status: 400,
    message: "applications.errors.arrangement",
    field: "arrangement",
  },
  "application.invalid_transition": { status: 409, message: "error.409" },
} as const satisfies Record<string, ErrorSpec>;
