import type { ErrorSpec } from "~/utils/errors";

export const needsErrors = {
  "need.not_found": { status: 404, message: "error.404" },
  "need.forbidden": { status: 403, message: "error.403" },
  "need.not_verified": { status: 409, message: "needs.errors.not_verified" },
  "need.not_editable": { status: 409, message: "needs.errors.not_editable" },
  "need.not_member": { status: 403, message: "needs.errors.no_organisation", field: "organisationId" },
  "need.invalid_transition": { status: 409, message: "error.409" },
} as const satisfies Record<string, ErrorSpec>;
