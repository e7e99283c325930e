import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ServiceDetail } from "~/components/spaces/service-detail";
import { translate } from "~/i18n/i18n";
import { listingAction } from "~/modules/listings/listing-action.server";
import { SERVICE_ACTIONS, getServiceDetail } from "~/modules/spaces/spaces.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { readWithLocale } from "~/utils/route-data.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.service.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.service.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getServiceDetail(viewer, params.id ?? ""));
  return { ...page, locale };
}

export function action(args: ActionFunctionArgs) {
  return listingAction(args, SERVICE_ACTIONS);
}

export default function ServicePage() {
  return <ServiceDetail {...useLoaderData<typeof loader>()} lastResult={useActionData<typeof action>()} />;
}
