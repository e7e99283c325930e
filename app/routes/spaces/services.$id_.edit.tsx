import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listingFormValues } from "~/components/listings/listing-form-values";
import { ListingFormPage } from "~/components/listings/listing-form-page";
import { useT } from "~/i18n/use-t";
import { saveListingForm } from "~/modules/listings/listing-form-action.server";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import { ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import { getServiceForEdit, updateService } from "~/modules/spaces/spaces.server";
import { requireUser } from "~/modules/users/guards.server";
import { documentTitle } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { ServiceForm } from "~/components/spaces/service-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "spaces.editTitle")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [service, locale] = await readWithLocale(request, getServiceForEdit(user, params.id ?? ""));
  return { service, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const serviceId = params.id ?? "";
  // The space of a service never changes; a posted organisationId is ignored here.
  return saveListingForm(request, SERVICE_LISTING, ServiceFormSchema, (fields, options) =>
    updateService(user, serviceId, fields, options, requestMeta(request, context)),
  );
}

export default function EditServicePage() {
  const { service } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ListingFormPage title={t("spaces.editTitle")}>
      <ServiceForm
        id={`edit-service-${service.id}`}
        lastResult={lastResult}
        published={service.status === "PUBLISHED"}
        defaultValue={{
          ...listingFormValues(service),
          category: service.category,
          industries: service.industries,
          free: service.free ? "on" : undefined,
          turnaroundDays: service.turnaroundDays ? String(service.turnaroundDays) : "",
        }}
      />
    </ListingFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
