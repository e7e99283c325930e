import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListingIndex } from "~/components/listings/listing-index";
import { ServiceCard } from "~/components/spaces/service-views";
import { ServiceFilterForm } from "~/components/spaces/space-filters";
import { listingIndexData } from "~/modules/listings/listing-index.server";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import { parseServiceFilters } from "~/modules/spaces/spaces.schema";
import { listServices } from "~/modules/spaces/spaces.server";
import { descriptionMeta, documentTitle } from "~/utils/meta";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  documentTitle(data, "spaces.title"),
  descriptionMeta(data, "spaces.intro"),
];

export function loader({ request }: LoaderFunctionArgs) {
  return listingIndexData(request, {
    parse: parseServiceFilters,
    list: listServices,
    postPermission: "space.manageServices",
  });
}

export default function ServicesPage() {
  const { services, filters, ...page } = useLoaderData<typeof loader>();
  return (
    <ListingIndex
      kind={SERVICE_LISTING}
      {...page}
      items={services}
      filters={<ServiceFilterForm filters={filters} />}
      card={(service) => <ServiceCard service={service} />}
    />
  );
}
