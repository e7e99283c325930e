import type { marketplaceMessagesZh } from "./marketplace.messages";

/** English for marketplace.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const marketplaceMessagesEn: Record<keyof typeof marketplaceMessagesZh, string> = {
  "arrangement.TECH_EQUITY": "Technology equity",
  "arrangement.TECH_CONTRACT": "Technology contracting",
  "arrangement.REVENUE_SHARE": "Revenue share",
  "arrangement.PAID_SERVICE": "Paid service",
  "arrangement.GRANT_FUNDED": "Programme-funded",
  "money.negotiable": "Negotiable",
  "money.from": "from {min}",
  "money.upTo": "up to {max}",
  "badge.verified": "Verified",
  "badge.unverified": "Not verified",
  "badge.commissioner": "S&T commissioner",
};
