/*
 * The two kinds of listing, an offer and a space's service: the namespace of each kind's words
 * (`offers.toast.saved`), the address of its pages (`/offers/:id`) and the word that names its
 * forms (`hide-offer`).
 */
export const OFFER_LISTING = { ns: "offers", basePath: "/offers", noun: "offer" } as const;
export const SERVICE_LISTING = { ns: "spaces", basePath: "/services", noun: "service" } as const;

export type ListingKindName = typeof OFFER_LISTING | typeof SERVICE_LISTING;

/** Someone other than its owner may take a listing's next step only while it is published and not hidden. */
export function isOpenToOthers(listing: { status: string; hiddenAt: unknown }, isOwner: boolean) {
  return !isOwner && listing.status === "PUBLISHED" && !listing.hiddenAt;
}
