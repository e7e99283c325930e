import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingIndex } from "~/components/listings/listing-index";
import { getLocale } from "~/i18n/i18n.server";
import { parseServiceFilters } from "~/modules/spaces/spaces.schema";
import { listServices } from "~/modules/spaces/spaces.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { descriptionMeta, documentTitle } from "~/utils/meta";
import { ServiceCard } from "~/components/spaces/service-views";
import { ServiceFilterForm } from "~/components/spaces/space-filters";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  documentTitle(data, "spaces.title"),
  descriptionMeta(data, "spaces.intro"),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseServiceFilters(new URL(request.url).searchParams);
  const [result, user, locale] = await Promise.all([
    listServices(filters),
    getOptionalUser(request),
    getLocale(request),
  ]);
  return { ...result, filters, canPost: can(user, "space.manageServices"), locale };
}

export default function ServicesPage() {
  const { services, total, page, pageCount, filters, canPost } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <ListingIndex
      ns="spaces"
      newHref="/services/new"
      canPost={canPost}
      items={services}
      total={total}
      page={page}
      pageCount={pageCount}
      card={(service) => <ServiceCard service={service} />}
      filters={<ServiceFilterForm key={searchParams.toString()} filters={filters} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
