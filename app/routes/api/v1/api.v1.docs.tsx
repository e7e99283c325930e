import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { apiReference, problemCatalogue } from "~/modules/api/openapi.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? translate(data.locale, "api.docs.title") : "XiangKe API" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  return { locale, operations: apiReference(), problems: problemCatalogue(locale) };
}

export const action = methodNotAllowed(["GET"]);

export default function ApiDocsPage() {
  const { t } = useT();
  const { operations, problems } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("api.docs.title")}</h1>
        <p className="mt-2 text-stone-700">{t("api.docs.intro")}</p>
        <a href="/api/v1/openapi.json" className="link mt-2 inline-block">
          {t("api.docs.openapi")}
        </a>
      </header>
      {operations.map((operation) => (
        <article key={operation.id} id={operation.id} className="card space-y-3">
          <h2 className="break-all font-mono text-lg font-semibold">
            <span className="mr-2 rounded bg-stone-200 px-2 py-0.5 text-sm">{operation.method}</span>
            {operation.path}
          </h2>
          <p>{operation.summary}</p>
          <p className="text-sm">
            {t("api.docs.scope")}: <code>{operation.scope ?? t("api.docs.none")}</code>
          </p>
          {operation.parameters.length ? (
            <div tabIndex={0} className="overflow-x-auto">
              <h3 className="font-medium">{t("api.docs.parameters")}</h3>
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
                    <tr
                      key={`${parameter.in}-${parameter.name}`}
                      className="border-t border-stone-200 align-top"
                    >
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
      ))}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
