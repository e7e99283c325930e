import { fenToYuanText } from "~/utils/money";

/** What a saved listing of either kind brings to its edit form. */
export interface SavedListing {
  title: string;
  description: string;
  countiesServed: string[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
}

/** The edit form's values that every kind of listing shares; a price not set stays blank. */
export function listingFormValues(listing: SavedListing) {
  return {
    title: listing.title,
    description: listing.description,
    countiesServed: listing.countiesServed,
    priceMin: listing.priceMinFen === null ? "" : fenToYuanText(listing.priceMinFen),
    priceMax: listing.priceMaxFen === null ? "" : fenToYuanText(listing.priceMaxFen),
  };
}
