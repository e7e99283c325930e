import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/i18n";
import { scopeLabel, type Scope } from "~/modules/api/scopes";

// The parts of the API reference page (api.v1.docs.tsx): one operation, one webhook event.

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: MessageKey;
  detail: MessageKey | null;
  scope: Scope | null;
  permission: string | null;
  idempotency: "required" | "optional" | null;
  status: string;
  parameters: { name: string; in: string; required: boolean; schema: string }[];
  request: string | null;
  response: string;
}

export function Operation({ operation }: { operation: OperationView }) {
  const { t } = useT();
  return (
    <article id={operation.id} className="card space-y-3">
      <h3 className="break-all font-mono text-lg font-semibold">
        <span className="mr-2 rounded bg-stone-200 px-2 py-0.5 text-sm">{operation.method}</span>
        {operation.path}
      </h3>
      <p className="font-medium">{t(operation.summary)}</p>
      {operation.detail ? <p className="text-stone-700">{t(operation.detail)}</p> : null}
      <p className="text-sm">
        {t("api.docs.scope")}:{" "}
        {operation.scope ? (
          <>
            <code>{operation.scope}</code> ({t(scopeLabel(operation.scope))})
          </>
        ) : (
          t("api.docs.none")
        )}
        {operation.permission ? (
          <> · {t("api.doc.permission", { permission: operation.permission })}</>
        ) : null}
      </p>
      {operation.idempotency ? (
        <p className="text-sm">
          {t(operation.idempotency === "required" ? "api.doc.key_required" : "api.doc.key_optional")}
        </p>
      ) : null}
      {operation.parameters.length ? (
        <div tabIndex={0} className="overflow-x-auto">
          <h4 className="font-medium">{t("api.docs.parameters")}</h4>
          <table className="mt-1 w-full text-left text-sm">
            <thead>
              <tr>
                <th>{t("api.docs.name")}</th>
                <th>{t("api.docs.in")}</th>
                <th>{t("api.docs.required")}</th>
                <th>JSON Schema</th>
              </tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}-${parameter.name}`} className="border-t border-stone-200 align-top">
                  <td className="font-mono">{parameter.name}</td>
                  <td>{parameter.in}</td>
                  <td>{parameter.required ? t("api.docs.yes") : t("api.docs.no")}</td>
                  <td>
                    <code className="break-all">{parameter.schema}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {operation.request ? <Schema title={t("api.docs.request")} json={operation.request} /> : null}
      <Schema title={`${t("api.docs.response")} ${operation.status}`} json={operation.response} />
    </article>
  );
}

export interface WebhookView {
  event: string;
  label: MessageKey;
  headers: string[];
  body: string;
}

export function Webhook({ webhook }: { webhook: WebhookView }) {
  const { t } = useT();
  return (
    <article id={`webhook-${webhook.event}`} className="card space-y-3">
      <h3 className="break-all font-mono text-lg font-semibold">
        <span className="mr-2 rounded bg-stone-200 px-2 py-0.5 text-sm">POST</span>
        {webhook.event}
      </h3>
      <p className="font-medium">{t(webhook.label)}</p>
      <p className="text-sm">
        {t("api.docs.headers")}: <code>{webhook.headers.join(", ")}</code>
      </p>
      <Schema title={t("api.docs.payload")} json={webhook.body} />
    </article>
  );
}

function Schema({ title, json }: { title: string; json: string }) {
  return (
    <details>
      <summary className="cursor-pointer font-medium">{title}</summary>
      <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-stone-100 p-2 text-xs">
        {json}
      </pre>
    </details>
  );
}
