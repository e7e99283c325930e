import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OfferIndex } from "~/components/offers/offer-index";
import { listingIndexData } from "~/modules/listings/listing-index.server";
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
  return <OfferIndex {...useLoaderData<typeof loader>()} />;
}
