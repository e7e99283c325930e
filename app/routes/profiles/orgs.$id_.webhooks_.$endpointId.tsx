import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ReplaySchema } from "~/modules/webhooks/webhooks.schema";
import { listDeliveries, replayDelivery } from "~/modules/webhooks/webhooks.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { DeliveryLine, IntentButton } from "~/components/webhooks/webhook-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "webhooks.log")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Math.max(1, Math.floor(Number(new URL(request.url).searchParams.get("page")) || 1));
  const log = await listDeliveries(user, params.id ?? "", params.endpointId ?? "", page).catch(
    (error: unknown) => {
      throw domainErrorResponse(error);
    },
  );
  return { ...log, page, organisationId: params.id ?? "", locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ReplaySchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  try {
    await replayDelivery(user, submission.value.deliveryId, params.id ?? "", requestMeta(request, context));
  } catch (error) {
    throw domainErrorResponse(error);
  }
  return redirectWithToast(`/orgs/${params.id}/webhooks/${params.endpointId}`, {
    message: "webhooks.replayed",
  });
}

export default function WebhookLogPage() {
  const { endpoint, deliveries, page, pages, organisationId } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const pageLink = (n: number) => `/orgs/${organisationId}/webhooks/${endpoint.id}?page=${n}`;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <Link to={`/orgs/${organisationId}/webhooks`} className="link text-sm">
          {t("webhooks.back")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{t("webhooks.log")}</h1>
        <p className="mt-1 break-all font-mono text-sm text-stone-700">{endpoint.url}</p>
      </header>
      {deliveries.length === 0 ? <p className="card text-stone-600">{t("webhooks.noDeliveries")}</p> : null}
      <ul className="space-y-3">
        {deliveries.map((delivery) => (
          <li key={delivery.id} className="card space-y-2">
            <DeliveryLine delivery={delivery} />
            <p className="text-xs text-stone-500">
              {delivery.id}
              {delivery.replayOfId
                ? ` · ${t("webhooks.delivery.replayOf", { id: delivery.replayOfId })}`
                : null}
              {delivery.status === "PENDING"
                ? ` · ${t("webhooks.delivery.next", { at: formatDateTime(locale, delivery.nextAttemptAt) })}`
                : null}
            </p>
            <details>
              <summary className="cursor-pointer text-sm">{t("webhooks.delivery.payload")}</summary>
              <pre tabIndex={0} className="mt-2 overflow-x-auto rounded bg-stone-100 p-2 text-xs">
                {JSON.stringify(delivery.payload, null, 2)}
              </pre>
            </details>
            <IntentButton
              intent="replay"
              name="deliveryId"
              value={delivery.id}
              label={t("webhooks.replay")}
            />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="link">
              {t("webhooks.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("webhooks.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="link">
              {t("webhooks.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
