import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ServiceIndex } from "~/components/spaces/service-index";
import { listingIndexData } from "~/modules/listings/listing-index.server";
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
  return <ServiceIndex {...useLoaderData<typeof loader>()} />;
}
