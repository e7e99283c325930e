import type { ErrorSpec } from "~/utils/errors";

export const negotiationErrors = {
  "negotiation.not_found": { status: 404, message: "error.404" },
  "negotiation.forbidden": { status: 403, message: "error.403" },
  "negotiation.need_not_invitable": { status: 409, message: "negotiation.errors.need_not_invitable" },
  "negotiation.no_experts": { status: 400, message: "negotiation.errors.no_experts", field: "expertIds" },
  "negotiation.too_many_experts": {
    status: 400,
    message: "negotiation.errors.too_many_experts",
    field: "expertIds",
  },
  "negotiation.self_invitation": {
    status: 403,
    message: "negotiation.errors.self_invitation",
    field: "expertIds",
  },
  "negotiation.expert_not_eligible": {
    status: 400,
    message: "negotiation.errors.expert_not_eligible",
    field: "expertIds",
  },
  "negotiation.invitation_not_pending": { status: 409, message: "negotiation.errors.invitation_not_pending" },
  "negotiation.invitation_required": { status: 403, message: "negotiation.errors.invitation_required" },
  "negotiation.closed": { status: 409, message: "negotiation.errors.closed" },
  "negotiation.arrangement_not_accepted": {
    status: 400,
    message: "applications.errors.arrangement",
    field: "arrangement",
  },
  "negotiation.not_other_side": { status: 403, message: "negotiation.errors.not_other_side" },
  "negotiation.revision_not_pending": { status: 409, message: "negotiation.errors.revision_not_pending" },
  "negotiation.answer_counter_offer_first": {
    status: 409,
    message: "negotiation.errors.answer_counter_offer_first",
  },
  "negotiation.awaiting_counter_offer": { status: 409, message: "negotiation.errors.awaiting_counter_offer" },
} as const satisfies Record<string, ErrorSpec>;
