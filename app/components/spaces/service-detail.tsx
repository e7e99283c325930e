import { Link } from "@remix-run/react";
import { ListingDetail, type ListingPageProps } from "~/components/listings/listing-detail";
import { useT } from "~/i18n/use-t";
import { SERVICE_LISTING } from "~/modules/listings/listing-kinds";
import type { getServiceDetail } from "~/modules/spaces/spaces.queries.server";
import { CategoryLabel, ServiceFacts, SpaceName } from "./service-views";

type ServiceDetailProps = Pick<Awaited<ReturnType<typeof getServiceDetail>>, "service" | "canRequest"> &
  ListingPageProps;

/** A Star Innovation Space service's page: the listing's shape, its facts, and the request link. */
export function ServiceDetail({ service, canRequest, ...page }: ServiceDetailProps) {
  return (
    <ListingDetail
      {...page}
      kind={SERVICE_LISTING}
      listing={service}
      label={<CategoryLabel category={service.category} />}
      provider={<SpaceName organisation={service.organisation} />}
      facts={<ServiceFacts service={service} />}
      callToAction={canRequest ? <RequestServiceLink serviceId={service.id} /> : null}
    />
  );
}

function RequestServiceLink({ serviceId }: { serviceId: string }) {
  const { t } = useT();
  return (
    <Link to={`/services/${serviceId}/request`} className="btn-primary w-full sm:w-auto">
      {t("spaces.request.action")}
    </Link>
  );
}
