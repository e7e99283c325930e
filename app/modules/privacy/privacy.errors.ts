import type { ErrorSpec } from "~/utils/errors";

export const privacyErrors = {
  "privacy.consent_required": { status: 403, message: "privacy.errors.consentRequired" },
  "privacy.notice_required": { status: 400, message: "privacy.errors.noticeRequired", field: "consent" },
  "privacy.password_wrong": { status: 400, message: "privacy.errors.passwordWrong", field: "password" },
  "privacy.wallet_not_empty": { status: 409, message: "privacy.errors.walletNotEmpty" },
  "privacy.wallet_debt": { status: 409, message: "privacy.errors.walletDebt" },
  "privacy.agreement_in_force": { status: 409, message: "privacy.errors.agreementInForce" },
  "privacy.last_administrator": { status: 409, message: "privacy.errors.lastAdministrator" },
  "privacy.export_throttled": { status: 429, message: "privacy.errors.exportThrottled" },
} as const satisfies Record<string, ErrorSpec>;
