import type { ErrorSpec } from "~/utils/errors";

export const agreementsErrors = {
  "agreement.not_found": { status: 404, message: "error.404" },
  "agreement.forbidden": { status: 403, message: "error.403" },
  "agreement.invalid_transition": { status: 409, message: "agreements.errors.invalid_transition" },
  "agreement.application_not_accepted": {
    status: 409,
    message: "agreements.errors.application_not_accepted",
  },
  "agreement.offer_unavailable": { status: 409, message: "agreements.errors.offer_unavailable" },
  "agreement.own_offer": { status: 403, message: "agreements.errors.own_offer" },
  "agreement.payer_only": { status: 403, message: "agreements.errors.payer_only" },
  "agreement.not_draft": { status: 409, message: "agreements.errors.not_draft" },
  "agreement.not_proposed": { status: 409, message: "agreements.errors.not_proposed" },
  "agreement.not_active": { status: 409, message: "agreements.errors.not_active" },
  "agreement.terms_invalid": { status: 400, message: "agreements.errors.terms_invalid" },
  "agreement.terms_changed": { status: 409, message: "agreements.errors.terms_changed" },
  "agreement.milestone_locked": { status: 409, message: "agreements.errors.milestone_locked" },
  "agreement.password_wrong": { status: 403, message: "agreements.errors.password_wrong", field: "password" },
  "agreement.signer_unverified": { status: 403, message: "agreements.errors.signer_unverified" },
  "agreement.signer_no_permission": { status: 403, message: "agreements.errors.signer_no_permission" },
  "agreement.already_signed": { status: 409, message: "agreements.errors.already_signed" },
  "agreement.amendment_open": { status: 409, message: "agreements.errors.amendment_open" },
} as const satisfies Record<string, ErrorSpec>;
