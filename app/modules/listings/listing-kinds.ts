/*
 * The two kinds of listing, an offer and a space's service: the namespace of each kind's words
 * (`offers.toast.saved`) and the address of its pages (`/offers/:id`).
 */
export const OFFER_LISTING = { ns: "offers", basePath: "/offers" } as const;
export const SERVICE_LISTING = { ns: "spaces", basePath: "/services" } as const;

/** Someone other than its owner may take a listing's next step only while it is published and not hidden. */
export function isOpenToOthers(listing: { status: string; hiddenAt: unknown }, isOwner: boolean) {
  return !isOwner && listing.status === "PUBLISHED" && !listing.hiddenAt;
}
