import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ServiceEditForm } from "~/components/spaces/service-form";
import { editListingAction } from "~/modules/listings/listing-form-action.server";
import { SERVICE_EDIT, getServiceForEdit } from "~/modules/spaces/spaces.server";
import { requireUser } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "spaces.editTitle")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [service, locale] = await readWithLocale(request, getServiceForEdit(user, params.id ?? ""));
  return { service, locale };
}

export function action(args: ActionFunctionArgs) {
  return editListingAction(args, SERVICE_EDIT);
}

export default function EditServicePage() {
  return <ServiceEditForm {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}
