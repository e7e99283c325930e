import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ServiceDetail } from "~/components/spaces/service-detail";
import { translate } from "~/i18n/i18n";
import { listingAction } from "~/modules/listings/listing-action.server";
import { isOpenToOthers } from "~/modules/listings/listing-kinds";
import { SERVICE_ACTIONS, getServiceDetail } from "~/modules/spaces/spaces.server";
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
  return listingAction(args, SERVICE_ACTIONS);
}

export default function ServicePage() {
  return <ServiceDetail {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
