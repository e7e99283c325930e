import type { ErrorSpec } from "~/utils/errors";

export const financingErrors = {
  "financing.not_found": { status: 404, message: "error.404" },
  "financing.forbidden": { status: 403, message: "error.403" },
  "financing.not_poster": { status: 403, message: "financing.errors.not_poster", field: "organisationId" },
  "financing.not_institution": { status: 403, message: "financing.errors.not_institution" },
  "financing.need_not_open": { status: 409, message: "financing.errors.need_not_open" },
  "financing.offer_not_open": { status: 409, message: "financing.errors.offer_not_open" },
  "financing.already_offered": { status: 409, message: "financing.errors.already_offered" },
  "financing.own_need": { status: 409, message: "financing.errors.own_need" },
  "financing.project_invalid": {
    status: 400,
    message: "financing.errors.project_invalid",
    field: "programmeApplicationId",
  },
  "financing.agreement_invalid": {
    status: 400,
    message: "financing.errors.agreement_invalid",
    field: "agreementId",
  },
  "financing.no_accepted_offer": { status: 409, message: "financing.errors.no_accepted_offer" },
  "financing.outcome_exists": { status: 409, message: "financing.errors.outcome_exists" },
  "financing.outcome_not_recorded": { status: 409, message: "financing.errors.outcome_not_recorded" },
  "financing.date_future": { status: 400, message: "financing.errors.date_future", field: "dealDate" },
} as const satisfies Record<string, ErrorSpec>;
