import type { ErrorSpec } from "~/utils/errors";

/** Refusals of co-funded milestones: setting the payers and funding a share. */
export const cofundingErrors = {
  "cofunding.not_found": { status: 404, message: "error.404" },
  "cofunding.share_not_found": { status: 404, message: "cofunding.errors.share_not_found" },
  "cofunding.locked": { status: 409, message: "cofunding.errors.locked" },
  "cofunding.too_many": { status: 400, message: "cofunding.errors.too_many" },
  "cofunding.duplicate": { status: 400, message: "cofunding.errors.duplicate" },
  "cofunding.shares_mismatch": { status: 400, message: "cofunding.errors.shares_mismatch" },
  "cofunding.share_not_positive": { status: 400, message: "cofunding.errors.share_not_positive" },
  "cofunding.payer_invalid": { status: 400, message: "cofunding.errors.payer_invalid" },
  "cofunding.org_unverified": { status: 409, message: "cofunding.errors.org_unverified" },
  "cofunding.programme_unavailable": { status: 409, message: "cofunding.errors.programme_unavailable" },
  "cofunding.programme_insufficient": { status: 409, message: "cofunding.errors.programme_insufficient" },
  "cofunding.not_your_share": { status: 403, message: "cofunding.errors.not_your_share" },
  "cofunding.share_funded": { status: 409, message: "cofunding.errors.share_funded" },
  "cofunding.insufficient_funds": { status: 409, message: "cofunding.errors.insufficient_funds" },
  "cofunding.use_shares": { status: 409, message: "cofunding.errors.use_shares" },
} as const satisfies Record<string, ErrorSpec>;
