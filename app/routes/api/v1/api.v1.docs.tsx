import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { apiReference, problemCatalogue } from "~/modules/api/openapi.server";
import { webhookReference } from "~/modules/api/openapi-webhooks.server";
import { Operation, Webhook } from "./+api-reference";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? translate(data.locale, "api.docs.title") : "XiangKe API" },
];

// Texts travel as message keys and are translated while rendering, in the app's language.
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  return {
    locale,
    operations: apiReference(),
    webhooks: webhookReference(),
    problems: problemCatalogue(locale),
  };
}

export const action = methodNotAllowed(["GET"]);

export default function ApiDocsPage() {
  const { t } = useT();
  const { operations, webhooks, problems } = useLoaderData<typeof loader>();
  const tags = [...new Map(operations.map((operation) => [operation.tag, operation.tagLabel]))];
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("api.docs.title")}</h1>
        <p className="mt-2 text-stone-700">{t("api.docs.intro")}</p>
        <p className="mt-2 text-sm text-stone-700">{t("api.docs.language")}</p>
        <a href="/api/v1/openapi.json" className="link mt-2 inline-block">
          {t("api.docs.openapi")}
        </a>
      </header>
      {tags.map(([tag, label]) => (
        <section key={tag} className="space-y-4" aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="text-xl font-semibold">
            {t(label)}
          </h2>
          {operations
            .filter((operation) => operation.tag === tag)
            .map((operation) => (
              <Operation key={operation.id} operation={operation} />
            ))}
        </section>
      ))}
      <section className="space-y-4" aria-labelledby="webhooks">
        <h2 id="webhooks" className="text-xl font-semibold">
          {t("api.docs.webhooks")}
        </h2>
        <p className="text-sm text-stone-700">{t("api.docs.webhooks_intro")}</p>
        <p className="text-sm text-stone-700">{t("api.doc.webhook")}</p>
        <p className="text-sm">
          <code>XiangKe-Signature</code>: {t("api.doc.webhook_signature")}
        </p>
        {webhooks.map((webhook) => (
          <Webhook key={webhook.event} webhook={webhook} />
        ))}
      </section>
      <section className="card space-y-3" aria-labelledby="problems">
        <h2 id="problems" className="text-lg font-semibold">
          {t("api.docs.problems")}
        </h2>
        <p className="text-sm text-stone-700">{t("api.docs.problems_intro")}</p>
        <div tabIndex={0} className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th>{t("api.docs.code")}</th>
                <th>{t("api.docs.status")}</th>
                <th>{t("api.docs.message")}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem) => (
                <tr
                  key={problem.code}
                  id={problem.anchor}
                  className="border-t border-stone-200 align-top target:bg-amber-100"
                >
                  <td className="break-all font-mono">{problem.code}</td>
                  <td>{problem.status}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
