import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { saveListingForm } from "~/modules/listings/listing-form-action.server";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import { OfferFormSchema } from "~/modules/offers/offers.schema";
import { createOffer, getPostingOptions } from "~/modules/offers/offers.server";
import { requirePermission } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { OfferForm } from "~/components/offers/offer-form";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "offers.newTitle")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "offer.post");
  const [posting, locale] = await Promise.all([getPostingOptions(user), getLocale(request)]);
  return { posting, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "offer.post");
  return saveListingForm(request, OFFER_LISTING, OfferFormSchema, (fields, options) =>
    createOffer(user, fields, options, requestMeta(request, context)),
  );
}

export default function NewOfferPage() {
  const { posting } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const verified = posting.asExpert
    ? posting.expertVerified
    : posting.organisations.some((organisation) => organisation.verifiedAt);
  return (
    <ListingFormPage
      kind={OFFER_LISTING}
      mode="new"
      notice={verified ? undefined : t("offers.notice.unverified")}
    >
      <OfferForm
        lastResult={lastResult}
        posting={posting}
        defaultValue={posting.asExpert ? undefined : { organisationId: posting.organisations[0]?.id }}
      />
    </ListingFormPage>
  );
}
