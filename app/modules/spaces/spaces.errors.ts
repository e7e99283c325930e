import type { ErrorSpec } from "~/utils/errors";

/** Refusals of the Star Innovation Space services (星创天地服务). */
export const spacesErrors = {
  "service.not_found": { status: 404, message: "error.404" },
  "service.forbidden": { status: 403, message: "error.403" },
  "service.space_not_verified": { status: 409, message: "spaces.errors.space_not_verified" },
  "service.space_required": { status: 400, message: "spaces.errors.space_required", field: "organisationId" },
  "service.not_space_member": { status: 403, message: "spaces.errors.not_space_member", field: "organisationId" },
  "service.invalid_transition": { status: 409, message: "spaces.errors.invalid_transition" },
  "service.not_hideable": { status: 409, message: "spaces.errors.not_hideable" },
  "service.reason_required": { status: 400, message: "spaces.errors.reason_length", field: "reason" },
} as const satisfies Record<string, ErrorSpec>;
