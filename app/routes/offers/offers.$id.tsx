import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfferDetail } from "~/components/offers/offer-detail";
import { translate } from "~/i18n/i18n";
import { listingAction } from "~/modules/listings/listing-action.server";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { OFFER_ACTIONS, getOfferPage } from "~/modules/offers/offers.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { readWithLocale } from "~/utils/route-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.offer.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getOfferPage(viewer, params.id ?? ""));
  // Villages and farmers may draft an agreement with the provider of a published offer.
  const canDraftAgreement = can(viewer, "need.post") && isOpenToOthers(page.offer, page.isOwner);
  return { ...page, locale, canDraftAgreement };
}

export function action(args: ActionFunctionArgs) {
  return listingAction(args, OFFER_ACTIONS);
}

export default function OfferPage() {
  return <OfferDetail {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
