import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListingIndex } from "~/components/listings/listing-index";
import { OfferCard } from "~/components/offers/offer-card";
import { OfferFilterForm } from "~/components/offers/offer-filters";
import { listingIndexData } from "~/modules/listings/listing-index.server";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import { parseOfferFilters } from "~/modules/offers/offers.schema";
import { listOffers } from "~/modules/offers/offers.server";
import { documentTitle } from "~/utils/meta";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "offers.title")];

export function loader({ request }: LoaderFunctionArgs) {
  return listingIndexData(request, {
    parse: parseOfferFilters,
    list: listOffers,
    postPermission: "offer.post",
  });
}

export default function OffersPage() {
  const { offers, filters, ...page } = useLoaderData<typeof loader>();
  return (
    <ListingIndex
      kind={OFFER_LISTING}
      {...page}
      items={offers}
      filters={<OfferFilterForm filters={filters} />}
      card={(offer) => <OfferCard offer={offer} />}
    />
  );
}
