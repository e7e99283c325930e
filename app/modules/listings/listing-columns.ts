/** What a listing's card shows of either kind, offer or space service. */
export const listingCardColumns = {
  id: true,
  title: true,
  countiesServed: true,
  priceMinFen: true,
  priceMaxFen: true,
  status: true,
  publishedAt: true,
} as const;

/**
 * The columns an offer and a space service have alike, all kept in the audit trail's snapshots:
 * what the lifecycle reads (see ListingRow) and the content both kinds show.
 */
export const listingAuditColumns = {
  ...listingCardColumns,
  description: true,
  organisationId: true,
  postedById: true,
  hiddenAt: true,
  hiddenReason: true,
} as const;
