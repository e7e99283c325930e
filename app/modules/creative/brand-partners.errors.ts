import type { ErrorSpec } from "~/utils/errors";

/** Refusals of partner agencies' engagements and brand trades. */
export const brandPartnersErrors = {
  "brand_partner.not_found": { status: 404, message: "error.404" },
  "brand_partner.forbidden": { status: 403, message: "error.403" },
  "brand_partner.not_agency": {
    status: 400,
    message: "brandPartners.errors.not_agency",
    field: "agencyOrganisationId",
  },
  "brand_partner.already_invited": { status: 409, message: "brandPartners.errors.already_invited" },
  "brand_partner.state": { status: 409, message: "brandPartners.errors.state" },
  "brand_partner.file_required": {
    status: 400,
    message: "brandPartners.errors.file_required",
    field: "file",
  },
  "brand_partner.not_trading": { status: 409, message: "brandPartners.errors.not_trading" },
  "brand_partner.buyer_unknown": {
    status: 400,
    message: "brandPartners.errors.buyer_unknown",
    field: "buyerOrganisationId",
  },
  "brand_partner.own_brand": {
    status: 400,
    message: "brandPartners.errors.own_brand",
    field: "buyerOrganisationId",
  },
  "brand_partner.transferred": { status: 409, message: "brandPartners.errors.transferred" },
} as const satisfies Record<string, ErrorSpec>;
