import type { ErrorSpec } from "~/utils/errors";

/** Refusals of the finance bureau's co-signature (decision 037). */
export const cosignErrors = {
  "cosign.proposal_not_found": { status: 404, message: "error.404" },
  "cosign.proposal_decided": { status: 409, message: "cosign.errors.proposal_decided" },
  "cosign.over_proposable": { status: 409, message: "cosign.errors.over_proposable", field: "amount" },
  "cosign.same_signer": { status: 403, message: "cosign.errors.same_signer" },
  "cosign.evaluation_pending": { status: 409, message: "cosign.errors.evaluation_pending" },
  "cosign.no_pending_evaluation": { status: 409, message: "cosign.errors.no_pending_evaluation" },
  "cosign.lift_by_stopper": { status: 403, message: "cosign.errors.lift_by_stopper" },
} as const satisfies Record<string, ErrorSpec>;
