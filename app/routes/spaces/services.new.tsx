import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { saveListingForm } from "~/modules/listings/listing-form-action.server";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import { ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import { createService, getSpaceOptions } from "~/modules/spaces/spaces.server";
import { requirePermission } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { ServiceForm } from "~/components/spaces/service-form";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "spaces.newTitle")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  const [spaces, locale] = await Promise.all([getSpaceOptions(user), getLocale(request)]);
  // "Add a service" on a space's page links here with ?org=… to preselect that space.
  const wanted = new URL(request.url).searchParams.get("org");
  const selected = spaces.find((space) => space.id === wanted) ?? spaces[0];
  return { spaces, selectedId: selected?.id, verified: Boolean(selected?.verifiedAt), locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  return saveListingForm(request, SERVICE_LISTING, ServiceFormSchema, (fields, options) =>
    createService(user, fields, options, requestMeta(request, context)),
  );
}

export default function NewServicePage() {
  const { spaces, selectedId, verified } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ListingFormPage
      kind={SERVICE_LISTING}
      mode="new"
      notice={verified ? undefined : t("spaces.notice.unverified")}
    >
      <ServiceForm lastResult={lastResult} spaces={spaces} defaultValue={{ organisationId: selectedId }} />
    </ListingFormPage>
  );
}
