import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OfferEditForm } from "~/components/offers/offer-form";
import { editListingAction } from "~/modules/listings/listing-form-action.server";
import { OFFER_EDIT, getOfferForEdit } from "~/modules/offers/offers.server";
import { requireUser } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "offers.editTitle")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [offer, locale] = await readWithLocale(request, getOfferForEdit(user, params.id ?? ""));
  return { offer, locale };
}

export function action(args: ActionFunctionArgs) {
  return editListingAction(args, OFFER_EDIT);
}

export default function EditOfferPage() {
  return <OfferEditForm {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}
