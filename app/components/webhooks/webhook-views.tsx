import { Form } from "~/components/form";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { eventLabel } from "~/modules/webhooks/events";

export interface DeliverySummary {
  id: string;
  event: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date | string;
}

const STATUS_CLASS = {
  PENDING: "bg-amber-100 text-amber-900",
  DELIVERED: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
} as const;

/** One delivery on a line: when, which event, its status, tries, and what the receiver answered. */
export function DeliveryLine({ delivery }: { delivery: DeliverySummary }) {
  const { t, locale } = useT();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className={`rounded-full px-2 py-0.5 ${STATUS_CLASS[delivery.status]}`}>
        {t(`webhooks.delivery.status.${delivery.status}`)}
      </span>
      <span>{t(eventLabel(delivery.event))}</span>
      <time dateTime={new Date(delivery.createdAt).toISOString()} className="text-stone-600">
        {formatDateTime(locale, delivery.createdAt)}
      </time>
      <span className="text-stone-600">{t("webhooks.delivery.attempts", { count: delivery.attempts })}</span>
      {delivery.lastStatusCode !== null ? (
        <span className="text-stone-600">
          {t("webhooks.delivery.code", { code: delivery.lastStatusCode })}
        </span>
      ) : null}
      {delivery.lastError ? <span className="break-all text-red-800">{delivery.lastError}</span> : null}
    </div>
  );
}

/** A one-button form posting an intent about one record; works without JavaScript. */
export function IntentButton({
  intent,
  name,
  value,
  label,
  tone = "secondary",
}: {
  intent: string;
  name: string;
  value: string;
  label: string;
  tone?: "secondary" | "danger";
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className={tone === "danger" ? "btn-secondary text-red-800" : "btn-secondary"}>
        {label}
      </button>
    </Form>
  );
}

/** The signing secret, shown once after registering or rotating. */
export function SecretOnce({ secret }: { secret: string }) {
  const { t } = useT();
  return (
    <section role="status" className="card border-l-4 border-amber-500">
      <h2 className="font-semibold">{t("webhooks.secret.title")}</h2>
      <p className="mt-2 break-all rounded bg-stone-100 px-3 py-2 font-mono text-sm">{secret}</p>
      <p className="mt-2 text-sm text-stone-600">{t("webhooks.secret.hint")}</p>
    </section>
  );
}
