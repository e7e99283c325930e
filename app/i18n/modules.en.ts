import { applicantsMessagesEn } from "~/modules/programmes/applicants.messages.en";
import { publicBansMessagesEn } from "~/modules/sanctions/public-bans.messages.en";
// Every module's English messages, merged (the Chinese, which defines the keys, is in modules.ts).
import { marketplaceMessagesEn } from "~/modules/marketplace/marketplace.messages.en";
import { searchMessagesEn } from "~/modules/search/search.messages.en";
import { needsMessagesEn } from "~/modules/needs/needs.messages.en";
import { applicationsMessagesEn } from "~/modules/applications/applications.messages.en";
import { offersMessagesEn } from "~/modules/offers/offers.messages.en";
import { uploadsMessagesEn } from "~/modules/uploads/uploads.messages.en";
import { notificationsMessagesEn } from "~/modules/notifications/notifications.messages.en";
import { profilesMessagesEn } from "~/modules/profiles/profiles.messages.en";
import { verificationMessagesEn } from "~/modules/verification/verification.messages.en";
import { chatMessagesEn } from "~/modules/chat/chat.messages.en";
import { spacesMessagesEn } from "~/modules/spaces/spaces.messages.en";
import { ledgerMessagesEn } from "~/modules/ledger/ledger.messages.en";
import { walletMessagesEn } from "~/modules/wallet/wallet.messages.en";
import { revenueMessagesEn } from "~/modules/revenue/revenue.messages.en";
import { escrowMessagesEn } from "~/modules/escrow/escrow.messages.en";
import { agreementsMessagesEn } from "~/modules/agreements/agreements.messages.en";
import { auditMessagesEn } from "~/modules/audit/audit.messages.en";
import { commissionersMessagesEn } from "~/modules/commissioners/commissioners.messages.en";
import { commissionerTeamsMessagesEn } from "~/modules/commissioners/ventures.messages.en";
import { programmesMessagesEn } from "~/modules/programmes/programmes.messages.en";
import { cosignMessagesEn } from "~/modules/programmes/cosign.messages.en";
import { sanctionsMessagesEn } from "~/modules/sanctions/sanctions.messages.en";
import { creativeMessagesEn } from "~/modules/creative/creative.messages.en";
import { dashboardMessagesEn } from "~/modules/dashboard/dashboard.messages.en";
import { bureauMessagesEn } from "~/modules/bureau/bureau.messages.en";
import { apiMessagesEn } from "~/modules/api/api.messages.en";
import { webhooksMessagesEn } from "~/modules/webhooks/webhooks.messages.en";
import { reviewsMessagesEn } from "~/modules/reviews/reviews.messages.en";
import { negotiationMessagesEn } from "~/modules/negotiation/negotiation.messages.en";
import { reachMessagesEn } from "~/modules/reach/reach.messages.en";
import { cofundingMessagesEn } from "~/modules/cofunding/cofunding.messages.en";
import { recoveryMessagesEn } from "~/modules/recovery/recovery.messages.en";
import { healthMessagesEn } from "~/modules/health/health.messages.en";
import { privacyMessagesEn } from "~/modules/privacy/privacy.messages.en";
import { reportsMessagesEn } from "~/modules/reports/reports.messages.en";
import { monitoringMessagesEn } from "~/modules/monitoring/monitoring.messages.en";
import { countiesMessagesEn } from "~/modules/counties/counties.messages.en";
// financing (issue 23)
import { financingMessagesEn } from "~/modules/financing/financing.messages.en";
import { pairingsMessagesEn } from "~/modules/pairings/pairings.messages.en";
import { householdsMessagesEn } from "~/modules/households/households.messages.en";
import { brandPartnersMessagesEn } from "~/modules/creative/brand-partners.messages.en";
import { townsMessagesEn } from "~/modules/towns/towns.messages.en";
import { basesMessagesEn } from "~/modules/bases/bases.messages.en";
import { linkageMessagesEn } from "~/modules/linkage/linkage.messages.en";
import type { moduleMessagesZh } from "./modules";

export const moduleMessagesEn = Object.assign(
  {},
  marketplaceMessagesEn,
  searchMessagesEn,
  needsMessagesEn,
  applicationsMessagesEn,
  offersMessagesEn,
  uploadsMessagesEn,
  notificationsMessagesEn,
  profilesMessagesEn,
  verificationMessagesEn,
  chatMessagesEn,
  spacesMessagesEn,
  ledgerMessagesEn,
  walletMessagesEn,
  revenueMessagesEn,
  escrowMessagesEn,
  agreementsMessagesEn,
  auditMessagesEn,
  commissionersMessagesEn,
  commissionerTeamsMessagesEn,
  programmesMessagesEn,
  cosignMessagesEn,
  sanctionsMessagesEn,
  creativeMessagesEn,
  dashboardMessagesEn,
  bureauMessagesEn,
  apiMessagesEn,
  webhooksMessagesEn,
  reviewsMessagesEn,
  negotiationMessagesEn,
  reachMessagesEn,
  cofundingMessagesEn,
  healthMessagesEn,
  recoveryMessagesEn,
  privacyMessagesEn,
  reportsMessagesEn,
  monitoringMessagesEn,
  countiesMessagesEn,
  financingMessagesEn,
  pairingsMessagesEn,
  householdsMessagesEn,
  linkageMessagesEn,
  applicantsMessagesEn,
  publicBansMessagesEn,
  basesMessagesEn,
  townsMessagesEn,
  brandPartnersMessagesEn,
) as Record<keyof typeof moduleMessagesZh, string>;
