import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingIndex } from "~/components/listings/listing-index";
import { OfferFilterForm } from "~/components/offers/offer-filters";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { parseOfferFilters } from "~/modules/offers/offers.schema";
import { listOffers } from "~/modules/offers/offers.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { OfferCard } from "~/components/offers/offer-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "offers.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseOfferFilters(new URL(request.url).searchParams);
  const [result, user, locale] = await Promise.all([
    listOffers(filters),
    getOptionalUser(request),
    getLocale(request),
  ]);
  return { ...result, filters, canPost: can(user, "offer.post"), locale };
}

export default function OffersPage() {
  const { offers, total, page, pageCount, filters, canPost } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <ListingIndex
      ns="offers"
      newHref="/offers/new"
      canPost={canPost}
      filters={<OfferFilterForm key={searchParams.toString()} filters={filters} />}
      items={offers}
      total={total}
      page={page}
      pageCount={pageCount}
      card={(offer) => <OfferCard offer={offer} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
