import type { ErrorSpec } from "~/utils/errors";

export const offersErrors = {
  "offer.not_found": { status: 404, message: "error.404" },
  "offer.forbidden": { status: 403, message: "error.403" },
  "offer.expert_not_verified": { status: 409, message: "offers.errors.expert_not_verified" },
  "offer.organisation_not_verified": { status: 409, message: "offers.errors.organisation_not_verified" },
  "offer.organisation_required": {
    status: 400,
    message: "offers.errors.organisation_required",
    field: "organisationId",
  },
  "offer.not_institution_member": {
    status: 403,
    message: "offers.errors.not_institution_member",
    field: "organisationId",
  },
  "offer.invalid_transition": { status: 409, message: "offers.errors.invalid_transition" },
  "offer.not_hideable": { status: 409, message: "offers.errors.not_hideable" },
  "offer.reason_required": { status: 400, message: "offers.errors.reason_length", field: "reason" },
} as const satisfies Record<string, ErrorSpec>;
