import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { eventLabel } from "~/modules/webhooks/events";
import { DeliveryLine, IntentButton, type DeliverySummary } from "./webhook-views";

/** An organisation's endpoints, each with its recent deliveries and what may be done with it. */
export function EndpointList({
  organisationId,
  endpoints,
}: {
  organisationId: string;
  endpoints: {
    id: string;
    url: string;
    active: boolean;
    events: string[];
    deliveries: DeliverySummary[];
  }[];
}) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="endpoints">
      <h2 id="endpoints" className="text-lg font-semibold">
        {t("webhooks.endpoints")}
      </h2>
      {endpoints.length === 0 ? <p className="mt-2 text-stone-600">{t("webhooks.none")}</p> : null}
      <ul className="mt-2 divide-y divide-stone-200">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} className="space-y-2 py-3">
            <p className="break-all font-mono text-sm">{endpoint.url}</p>
            <p className="text-sm text-stone-700">
              {t(endpoint.active ? "webhooks.status.active" : "webhooks.status.disabled")} ·{" "}
              {endpoint.events.map((event) => t(eventLabel(event))).join("、")}
            </p>
            {endpoint.deliveries.length > 0 ? (
              <ul className="space-y-1" aria-label={t("webhooks.recent")}>
                {endpoint.deliveries.map((delivery) => (
                  <li key={delivery.id}>
                    <DeliveryLine delivery={delivery} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-stone-600">{t("webhooks.noDeliveries")}</p>
            )}
            <div className="flex flex-wrap gap-2">
              <Link to={`/orgs/${organisationId}/webhooks/${endpoint.id}`} className="btn-secondary">
                {t("webhooks.log")}
              </Link>
              <IntentButton
                intent={endpoint.active ? "disable" : "enable"}
                name="endpointId"
                value={endpoint.id}
                label={t(endpoint.active ? "webhooks.disable" : "webhooks.enable")}
              />
              <IntentButton
                intent="rotate"
                name="endpointId"
                value={endpoint.id}
                label={t("webhooks.rotate")}
              />
              <IntentButton
                intent="delete"
                name="endpointId"
                value={endpoint.id}
                label={t("webhooks.delete")}
                tone="danger"
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
