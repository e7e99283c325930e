import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingDetail } from "~/components/listings/listing-detail";
import { KindLabel, OfferFacts, ProviderName } from "~/components/offers/offer-card";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listingAction } from "~/modules/listings/listing-action.server";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { OfferActionSchema } from "~/modules/offers/offers.schema";
import {
  getOfferPage,
  hideOffer,
  publishOffer,
  unhideOffer,
  withdrawOffer,
} from "~/modules/offers/offers.server";
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
  return listingAction(args, {
    ns: "offers",
    basePath: "/offers",
    schema: OfferActionSchema,
    publish: publishOffer,
    withdraw: withdrawOffer,
    hide: hideOffer,
    unhide: unhideOffer,
  });
}

export default function OfferPage() {
  const { offer, isOwner, canModerate, canDraftAgreement } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ListingDetail
      ns="offers"
      listing={offer}
      basePath="/offers"
      moderationFormId="hide-offer"
      isOwner={isOwner}
      canModerate={canModerate}
      lastResult={lastResult}
      label={<KindLabel kind={offer.kind} />}
      provider={<ProviderName offer={offer} />}
      facts={<OfferFacts offer={offer} />}
      aside={
        canDraftAgreement ? (
          <Form method="post" action="/agreements/new" className="card">
            <input type="hidden" name="source" value="offer" />
            <input type="hidden" name="offerId" value={offer.id} />
            <input type="hidden" name="redirectTo" value={`/offers/${offer.id}`} />
            <button type="submit" className="btn-primary w-full sm:w-auto">
              {t("agreements.action.draft")}
            </button>
          </Form>
        ) : null
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
