import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { ListingDetail } from "~/components/listings/listing-detail";
import { useT } from "~/i18n/use-t";
import type { getServiceDetail } from "~/modules/spaces/spaces.queries.server";
import { CategoryLabel, ServiceFacts, SpaceName } from "./service-views";

type ServicePage = Awaited<ReturnType<typeof getServiceDetail>>;

/** A Star Innovation Space service's page: the listing's shape, its facts, and the request link. */
export function ServiceDetail({
  service,
  isOwner,
  canModerate,
  canRequest,
  lastResult,
}: Pick<ServicePage, "service" | "isOwner" | "canModerate"> & {
  canRequest: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  return (
    <ListingDetail
      ns="spaces"
      listing={service}
      basePath="/services"
      moderationFormId="hide-service"
      isOwner={isOwner}
      canModerate={canModerate}
      lastResult={lastResult}
      label={<CategoryLabel category={service.category} />}
      provider={<SpaceName organisation={service.organisation} />}
      facts={<ServiceFacts service={service} />}
      callToAction={
        canRequest ? (
          <Link to={`/services/${service.id}/request`} className="btn-primary w-full sm:w-auto">
            {t("spaces.request.action")}
          </Link>
        ) : null
      }
    />
  );
}
