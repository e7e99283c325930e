import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingDetail } from "~/components/listings/listing-detail";
import { CategoryLabel, ServiceFacts, SpaceName } from "~/components/spaces/service-views";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listingAction } from "~/modules/listings/listing-action.server";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { ServiceActionSchema } from "~/modules/spaces/spaces.schema";
import {
  getServiceDetail,
  hideService,
  publishService,
  unhideService,
  withdrawService,
} from "~/modules/spaces/spaces.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { readWithLocale } from "~/utils/route-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.service.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.service.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getServiceDetail(viewer, params.id ?? ""));
  // Villages and farmers ask for a live service through its request form.
  const canRequest = can(viewer, "service.request") && isOpenToOthers(page.service, page.isOwner);
  return { ...page, canRequest, locale };
}

export function action(args: ActionFunctionArgs) {
  return listingAction(args, {
    ns: "spaces",
    basePath: "/services",
    schema: ServiceActionSchema,
    publish: publishService,
    withdraw: withdrawService,
    hide: hideService,
    unhide: unhideService,
  });
}

export default function ServicePage() {
  const { service, isOwner, canModerate, canRequest } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
