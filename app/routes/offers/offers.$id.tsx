import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OfferDetail } from "~/components/offers/offer-detail";
import { translate } from "~/i18n/i18n";
import { listingAction } from "~/modules/listings/listing-action.server";
import { OFFER_ACTIONS, getOfferPage } from "~/modules/offers/offers.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { readWithLocale } from "~/utils/route-data.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.offer.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getOfferPage(viewer, params.id ?? ""));
  return { ...page, locale };
}

export function action(args: ActionFunctionArgs) {
  return listingAction(args, OFFER_ACTIONS);
}

export default function OfferPage() {
  return <OfferDetail {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}
