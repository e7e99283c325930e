import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingIndex } from "~/components/listings/listing-index";
import { OfferCard } from "~/components/offers/offer-card";
import { OfferFilterForm } from "~/components/offers/offer-filters";
import { listingIndexData } from "~/modules/listings/listing-index.server";
import { parseOfferFilters } from "~/modules/offers/offers.schema";
import { listOffers } from "~/modules/offers/offers.server";
import { documentTitle } from "~/utils/meta";

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
      ns="offers"
      newHref="/offers/new"
      {...page}
      items={offers}
      filters={<OfferFilterForm filters={filters} />}
      card={(offer) => <OfferCard offer={offer} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
