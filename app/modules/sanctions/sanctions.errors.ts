import type { ErrorSpec } from "~/utils/errors";

/** Refusals of supervision: sanctions (停拨, 追缴) and the 3-year ban (3年内不得承担). */
export const sanctionsErrors = {
  "sanction.banned": { status: 403, message: "sanctions.errors.banned" },
  "sanction.forbidden": { status: 403, message: "sanctions.errors.forbidden" },
  "sanction.not_found": { status: 404, message: "sanctions.errors.not_found" },
  "sanction.application_not_found": { status: 404, message: "sanctions.errors.application_not_found" },
  "sanction.not_approved": { status: 409, message: "sanctions.errors.not_approved" },
  "sanction.already_suspended": { status: 409, message: "sanctions.errors.already_suspended" },
  "sanction.clawback_exceeds": {
    status: 409,
    message: "sanctions.errors.clawback_exceeds",
    field: "amountYuan",
  },
  "sanction.not_clawback": { status: 409, message: "sanctions.errors.not_clawback" },
  "sanction.nothing_owed": { status: 409, message: "sanctions.errors.nothing_owed" },
  "sanction.wallet_empty": { status: 409, message: "sanctions.errors.wallet_empty" },
  "sanction.no_subject": { status: 400, message: "sanctions.errors.no_subject" },
  "sanction.subject_not_found": { status: 404, message: "sanctions.errors.subject_not_found" },
  "sanction.not_liftable": { status: 409, message: "sanctions.errors.not_liftable" },
  "sanction.not_active": { status: 409, message: "sanctions.errors.not_active" },
} as const satisfies Record<string, ErrorSpec>;
