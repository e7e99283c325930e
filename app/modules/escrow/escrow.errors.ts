import type { ErrorSpec } from "~/utils/errors";

/** Refusals of milestone and escrow actions. */
export const escrowErrors = {
  "escrow.not_found": { status: 404, message: "error.404" },
  "escrow.wrong_side": { status: 403, message: "escrow.errors.wrong_side" },
  "escrow.invalid_transition": { status: 409, message: "escrow.errors.invalid_state" },
  "escrow.agreement_not_active": { status: 409, message: "escrow.errors.agreement_not_active" },
  "escrow.insufficient_funds": { status: 409, message: "escrow.errors.insufficient_funds" },
  "escrow.cannot_terminate": { status: 409, message: "escrow.errors.cannot_terminate" },
  "escrow.split_out_of_range": {
    status: 400,
    message: "escrow.errors.split_out_of_range",
    field: "payeeYuan",
  },
} as const satisfies Record<string, ErrorSpec>;
