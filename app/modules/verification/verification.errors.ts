import type { ErrorSpec } from "~/utils/errors";

export const verificationErrors = {
  "verification.not_found": { status: 404, message: "error.404" },
  "verification.forbidden": { status: 403, message: "error.403" },
  "verification.not_eligible": { status: 403, message: "verification.errors.not_eligible" },
  "verification.already_pending": { status: 409, message: "verification.errors.already_pending" },
  "verification.already_verified": { status: 409, message: "verification.errors.already_verified" },
  "verification.already_decided": { status: 409, message: "verification.errors.already_decided" },
} as const satisfies Record<string, ErrorSpec>;
