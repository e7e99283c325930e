import { ListingIndex, type ListingPageData } from "~/components/listings/listing-index";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import type { OfferFilters } from "~/modules/offers/offers.schema";
import { OfferCard, type OfferCardData } from "./offer-card";
import { OfferFilterForm } from "./offer-filters";

/** The offers page: the listing index with the offers' filters and cards. */
export function OfferIndex(data: ListingPageData & { offers: OfferCardData[]; filters: OfferFilters }) {
  return (
    <ListingIndex
      kind={OFFER_LISTING}
      {...data}
      items={data.offers}
      filters={<OfferFilterForm filters={data.filters} />}
      card={(offer) => <OfferCard offer={offer} />}
    />
  );
}
