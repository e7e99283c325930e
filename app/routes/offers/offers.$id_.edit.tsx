import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listingFormValues } from "~/components/listings/listing-form-values";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { useT } from "~/i18n/use-t";
import { saveListingForm } from "~/modules/listings/listing-form-action.server";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import { OfferFormSchema } from "~/modules/offers/offers.schema";
import { getOfferForEdit, updateOffer } from "~/modules/offers/offers.server";
import { requireUser } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { OfferForm } from "~/components/offers/offer-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "offers.editTitle")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [offer, locale] = await readWithLocale(request, getOfferForEdit(user, params.id ?? ""));
  return { offer, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const offerId = params.id ?? "";
  // The provider of an offer never changes; a posted organisationId is ignored here.
  return saveListingForm(request, OFFER_LISTING, OfferFormSchema, (fields, options) =>
    updateOffer(user, offerId, fields, options, requestMeta(request, context)),
  );
}

export default function EditOfferPage() {
  const { offer } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ListingFormPage title={t("offers.editTitle")}>
      <OfferForm
        id={`edit-offer-${offer.id}`}
        lastResult={lastResult}
        published={offer.status === "PUBLISHED"}
        defaultValue={{
          ...listingFormValues(offer),
          kind: offer.kind,
          industry: offer.industry,
          arrangements: offer.arrangements,
        }}
      />
    </ListingFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
