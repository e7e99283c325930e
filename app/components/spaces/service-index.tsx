import { ListingIndex, type ListingPageData } from "~/components/listings/listing-index";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import type { ServiceFilters } from "~/modules/spaces/spaces.schema";
import { ServiceCard, type ServiceCardData } from "./service-views";
import { ServiceFilterForm } from "./space-filters";

/** The Star Innovation Spaces' service catalogue: the listing index with the services' filters and cards. */
export function ServiceIndex(
  data: ListingPageData & { services: ServiceCardData[]; filters: ServiceFilters },
) {
  return (
    <ListingIndex
      kind={SERVICE_LISTING}
      {...data}
      items={data.services}
      filters={<ServiceFilterForm filters={data.filters} />}
      card={(service) => <ServiceCard service={service} />}
    />
  );
}
