import { marketplaceMessages } from "~/modules/marketplace/marketplace.messages";
import { searchMessages } from "~/modules/search/search.messages";
import { needsMessages } from "~/modules/needs/needs.messages";
import { applicationsMessages } from "~/modules/applications/applications.messages";
import { offersMessages } from "~/modules/offers/offers.messages";
import { uploadsMessages } from "~/modules/uploads/uploads.messages";
import { notificationsMessages } from "~/modules/notifications/notifications.messages";
import { profilesMessages } from "~/modules/profiles/profiles.messages";
import { verificationMessages } from "~/modules/verification/verification.messages";
import { spacesMessages } from "~/modules/spaces/spaces.messages";
import { chatMessages } from "~/modules/chat/chat.messages";
import { ledgerMessages } from "~/modules/ledger/ledger.messages";
import { walletMessages } from "~/modules/wallet/wallet.messages";
import { revenueMessages } from "~/modules/revenue/revenue.messages";
import { escrowMessages } from "~/modules/escrow/escrow.messages";
import { agreementsMessages } from "~/modules/agreements/agreements.messages";
import { auditMessages } from "~/modules/audit/audit.messages";

import { commissionersMessages } from "~/modules/commissioners/commissioners.messages";
import { programmesMessages } from "~/modules/programmes/programmes.messages";
import { sanctionsMessages } from "~/modules/sanctions/sanctions.messages";
import { creativeMessages } from "~/modules/creative/creative.messages";
import { dashboardMessages } from "~/modules/dashboard/dashboard.messages";
import { bureauMessages } from "~/modules/bureau/bureau.messages";
import { apiMessages } from "~/modules/api/api.messages";
import { webhooksMessages } from "~/modules/webhooks/webhooks.messages";
import { reviewsMessages } from "~/modules/reviews/reviews.messages";
import { negotiationMessages } from "~/modules/negotiation/negotiation.messages";
import { reachMessages } from "~/modules/reach/reach.messages";
import { cofundingMessages } from "~/modules/cofunding/cofunding.messages";
import { healthMessages } from "~/modules/health/health.messages";
// Every module catalogue, merged. Add a module's messages here once.
const catalogues = [marketplaceMessages, searchMessages, needsMessages, applicationsMessages, offersMessages, uploadsMessages, notificationsMessages, profilesMessages, verificationMessages, chatMessages, spacesMessages, ledgerMessages, walletMessages, revenueMessages, escrowMessages, agreementsMessages, auditMessages, commissionersMessages, programmesMessages, sanctionsMessages, creativeMessages, dashboardMessages, bureauMessages, apiMessages, webhooksMessages, reviewsMessages, negotiationMessages, reachMessages, cofundingMessages, healthMessages] as const;

type Union = (typeof catalogues)[number]["zh"];
type Merge<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type ModuleZh = Merge<Union>;

export const moduleMessagesZh = Object.assign({}, ...catalogues.map((c) => c.zh)) as ModuleZh;
export const moduleMessagesEn = Object.assign({}, ...catalogues.map((c) => c.en)) as Record<keyof ModuleZh, string>;
