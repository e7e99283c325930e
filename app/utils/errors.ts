import type { MessageKey, Params } from "~/i18n/i18n";
import { applicantsErrors } from "~/modules/programmes/applicants.errors";
import { marketplaceErrors } from "~/modules/marketplace/marketplace.errors";
import { needsErrors } from "~/modules/needs/needs.errors";
import { applicationsErrors } from "~/modules/applications/applications.errors";
import { offersErrors } from "~/modules/offers/offers.errors";
import { uploadsErrors } from "~/modules/uploads/uploads.errors";
import { searchErrors } from "~/modules/search/search.errors";
import { usersErrors } from "~/modules/users/users.errors";
import { notificationsErrors } from "~/modules/notifications/notifications.errors";
import { profilesErrors } from "~/modules/profiles/profiles.errors";
import { verificationErrors } from "~/modules/verification/verification.errors";
import { spacesErrors } from "~/modules/spaces/spaces.errors";
import { chatErrors } from "~/modules/chat/chat.errors";
import { ledgerErrors } from "~/modules/ledger/ledger.errors";
import { walletErrors } from "~/modules/wallet/wallet.errors";
import { revenueErrors } from "~/modules/revenue/revenue.errors";
import { escrowErrors } from "~/modules/escrow/escrow.errors";
import { agreementsErrors } from "~/modules/agreements/agreements.errors";
import { commissionersErrors } from "~/modules/commissioners/commissioners.errors";
import { commissionerTeamsErrors } from "~/modules/commissioners/ventures.errors";
import { programmesErrors } from "~/modules/programmes/programmes.errors";
import { cosignErrors } from "~/modules/programmes/cosign.errors";
import { sanctionsErrors } from "~/modules/sanctions/sanctions.errors";
import { creativeErrors } from "~/modules/creative/creative.errors";
// Issue 23: spaces' bases, brand partners, characteristic towns.
import { basesErrors } from "~/modules/bases/bases.errors";
import { brandPartnersErrors } from "~/modules/creative/brand-partners.errors";
import { townsErrors } from "~/modules/towns/towns.errors";
import { apiErrors } from "~/modules/api/api.errors";
import { webhooksErrors } from "~/modules/webhooks/webhooks.errors";
import { reviewsErrors } from "~/modules/reviews/reviews.errors";
import { negotiationErrors } from "~/modules/negotiation/negotiation.errors";
import { reachErrors } from "~/modules/reach/reach.errors";
import { cofundingErrors } from "~/modules/cofunding/cofunding.errors";
import { recoveryErrors } from "~/modules/recovery/recovery.errors";
import { privacyErrors } from "~/modules/privacy/privacy.errors";
import { reportsErrors } from "~/modules/reports/reports.errors";
import { monitoringErrors } from "~/modules/monitoring/monitoring.errors";
import { countiesErrors } from "~/modules/counties/counties.errors";
// financing (issue 23)
import { financingErrors } from "~/modules/financing/financing.errors";
import { pairingsErrors } from "~/modules/pairings/pairings.errors";
import { householdsErrors } from "~/modules/households/households.errors";
import { linkageErrors } from "~/modules/linkage/linkage.errors";

export interface ErrorSpec {
  status: number;
  message: MessageKey;
  /** The form field the message belongs on, when the error is about one field. */
  field?: string;
}

/** Every rule a service can refuse, with its HTTP status and the message people see. */
export const DOMAIN_ERRORS = {
  ...usersErrors,
  ...searchErrors,
  ...marketplaceErrors,
  ...needsErrors,
  ...applicationsErrors,
  ...offersErrors,
  ...uploadsErrors,
  ...notificationsErrors,
  ...profilesErrors,
  ...verificationErrors,
  ...chatErrors,
  ...ledgerErrors,
  ...walletErrors,
  ...revenueErrors,
  ...escrowErrors,
  ...agreementsErrors,
  ...spacesErrors,
  ...commissionersErrors,
  ...commissionerTeamsErrors,
  ...programmesErrors,
  ...cosignErrors,
  ...sanctionsErrors,
  ...creativeErrors,
  ...basesErrors,
  ...brandPartnersErrors,
  ...townsErrors,
  ...apiErrors,
  ...webhooksErrors,
  ...reviewsErrors,
  ...negotiationErrors,
  ...reachErrors,
  ...cofundingErrors,
  ...recoveryErrors,
  ...privacyErrors,
  ...reportsErrors,
  ...monitoringErrors,
  ...countiesErrors,
  ...financingErrors,
  ...householdsErrors,
  ...linkageErrors,
  ...applicantsErrors,
  ...pairingsErrors,
} satisfies Record<string, ErrorSpec>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export class DomainError extends Error {
  readonly status: number;
  readonly messageKey: MessageKey;
  readonly field: string | undefined;

  constructor(
    readonly code: DomainErrorCode,
    readonly params?: Params,
  ) {
    super(code);
    this.name = "DomainError";
    const spec: ErrorSpec = DOMAIN_ERRORS[code];
    this.status = spec.status;
    this.messageKey = spec.message;
    this.field = spec.field;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A route's answer to a refusal that is not about a form: the status, with the code as text. */
export function domainErrorResponse(error: unknown): Response {
  if (!isDomainError(error)) throw error;
  return new Response(error.code, { status: error.status });
}
