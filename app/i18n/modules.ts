import { applicantsMessagesZh } from "~/modules/programmes/applicants.messages";
import { publicBansMessagesZh } from "~/modules/sanctions/public-bans.messages";
// Every module's Chinese messages, merged: the keys of the whole app (MessageKey) come from here.
// Add a module's messages here once, and its English in modules.en.ts.
import { marketplaceMessagesZh } from "~/modules/marketplace/marketplace.messages";
import { searchMessagesZh } from "~/modules/search/search.messages";
import { needsMessagesZh } from "~/modules/needs/needs.messages";
import { applicationsMessagesZh } from "~/modules/applications/applications.messages";
import { offersMessagesZh } from "~/modules/offers/offers.messages";
import { uploadsMessagesZh } from "~/modules/uploads/uploads.messages";
import { notificationsMessagesZh } from "~/modules/notifications/notifications.messages";
import { profilesMessagesZh } from "~/modules/profiles/profiles.messages";
import { verificationMessagesZh } from "~/modules/verification/verification.messages";
import { chatMessagesZh } from "~/modules/chat/chat.messages";
import { spacesMessagesZh } from "~/modules/spaces/spaces.messages";
import { ledgerMessagesZh } from "~/modules/ledger/ledger.messages";
import { walletMessagesZh } from "~/modules/wallet/wallet.messages";
import { revenueMessagesZh } from "~/modules/revenue/revenue.messages";
import { escrowMessagesZh } from "~/modules/escrow/escrow.messages";
import { agreementsMessagesZh } from "~/modules/agreements/agreements.messages";
import { auditMessagesZh } from "~/modules/audit/audit.messages";
import { commissionersMessagesZh } from "~/modules/commissioners/commissioners.messages";
import { commissionerTeamsMessagesZh } from "~/modules/commissioners/ventures.messages";
import { programmesMessagesZh } from "~/modules/programmes/programmes.messages";
import { cosignMessagesZh } from "~/modules/programmes/cosign.messages";
import { sanctionsMessagesZh } from "~/modules/sanctions/sanctions.messages";
import { creativeMessagesZh } from "~/modules/creative/creative.messages";
import { dashboardMessagesZh } from "~/modules/dashboard/dashboard.messages";
import { bureauMessagesZh } from "~/modules/bureau/bureau.messages";
import { apiMessagesZh } from "~/modules/api/api.messages";
import { webhooksMessagesZh } from "~/modules/webhooks/webhooks.messages";
import { reviewsMessagesZh } from "~/modules/reviews/reviews.messages";
import { negotiationMessagesZh } from "~/modules/negotiation/negotiation.messages";
import { reachMessagesZh } from "~/modules/reach/reach.messages";
import { cofundingMessagesZh } from "~/modules/cofunding/cofunding.messages";
import { recoveryMessagesZh } from "~/modules/recovery/recovery.messages";
import { healthMessagesZh } from "~/modules/health/health.messages";
import { privacyMessagesZh } from "~/modules/privacy/privacy.messages";
import { reportsMessagesZh } from "~/modules/reports/reports.messages";
import { monitoringMessagesZh } from "~/modules/monitoring/monitoring.messages";
import { countiesMessagesZh } from "~/modules/counties/counties.messages";
// financing (issue 23)
import { financingMessagesZh } from "~/modules/financing/financing.messages";
import { pairingsMessagesZh } from "~/modules/pairings/pairings.messages";
import { householdsMessagesZh } from "~/modules/households/households.messages";
import { basesMessagesZh } from "~/modules/bases/bases.messages";
import { brandPartnersMessagesZh } from "~/modules/creative/brand-partners.messages";
import { townsMessagesZh } from "~/modules/towns/towns.messages";
import { linkageMessagesZh } from "~/modules/linkage/linkage.messages";

const catalogues = [
  marketplaceMessagesZh,
  searchMessagesZh,
  needsMessagesZh,
  applicationsMessagesZh,
  offersMessagesZh,
  uploadsMessagesZh,
  notificationsMessagesZh,
  profilesMessagesZh,
  verificationMessagesZh,
  chatMessagesZh,
  spacesMessagesZh,
  ledgerMessagesZh,
  walletMessagesZh,
  revenueMessagesZh,
  escrowMessagesZh,
  agreementsMessagesZh,
  auditMessagesZh,
  commissionersMessagesZh,
  commissionerTeamsMessagesZh,
  programmesMessagesZh,
  cosignMessagesZh,
  sanctionsMessagesZh,
  creativeMessagesZh,
  dashboardMessagesZh,
  bureauMessagesZh,
  apiMessagesZh,
  webhooksMessagesZh,
  reviewsMessagesZh,
  negotiationMessagesZh,
  reachMessagesZh,
  cofundingMessagesZh,
  healthMessagesZh,
  recoveryMessagesZh,
  privacyMessagesZh,
  reportsMessagesZh,
  monitoringMessagesZh,
  countiesMessagesZh,
  financingMessagesZh,
  pairingsMessagesZh,
  householdsMessagesZh,
  linkageMessagesZh,
  applicantsMessagesZh,
  publicBansMessagesZh,
  basesMessagesZh,
  townsMessagesZh,
  brandPartnersMessagesZh,
] as const;

type Union = (typeof catalogues)[number];
type Merge<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type ModuleZh = Merge<Union>;

export const moduleMessagesZh = Object.assign({}, ...catalogues) as ModuleZh;
