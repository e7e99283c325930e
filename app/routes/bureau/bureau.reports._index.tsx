import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DeadlineForm, DeadlineList, GenerateReturnForm } from "~/components/reports/report-forms";
import { useCountyLabel } from "~/components/reports/report-tables";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { requireReportReader } from "~/modules/reports/reports-guard.server";
import { DeadlineSchema } from "~/modules/reports/reports.schema";
import { GenerateReturnSchema } from "~/modules/reports/reports.schema";
import { periodKeyAt } from "~/modules/reports/reports.periods";
import {
  generateReturn,
  listDeadlines,
  listReturns,
  preparerScope,
  setDeadline,
} from "~/modules/reports/reports.server";
import { can } from "~/modules/users/permissions";
import { submitForm } from "~/utils/form-action.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("reports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireReportReader(request);
  const [returns, deadlines, locale] = await Promise.all([
    listReturns(user),
    listDeadlines(),
    getLocale(request),
  ]);
  return {
    locale,
    returns,
    deadlines,
    scope: preparerScope(user),
    mayRollUp: can(user, "report.rollup"),
    maySetDeadline: can(user, "report.deadline"),
    thisMonth: periodKeyAt("MONTH"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireReportReader(request);
  const intent = (await request.clone().formData()).get("intent");
  if (intent === "deadline") {
    return submitForm(request, DeadlineSchema, async (input) => {
      await setDeadline(user, input);
      return { redirectTo: "/bureau/reports", toast: { message: "reports.deadline.saved" } };
    });
  }
  return submitForm(request, GenerateReturnSchema, async (input) => {
    const id = await generateReturn(user, input);
    return { redirectTo: `/bureau/reports/${id}`, toast: { message: "reports.return.generated" } };
  });
}

export default function ReportsPage() {
  const { returns, deadlines, scope, mayRollUp, maySetDeadline, thisMonth } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const scopeLabel = useCountyLabel();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
        <p className="text-stone-600">{t("reports.intro")}</p>
        {mayRollUp ? (
          <Link to="/bureau/reports/roll-up" className="link">
            {t("reports.rollup.open")}
          </Link>
        ) : null}
      </header>
      {scope ? <GenerateReturnForm defaultKey={thisMonth} lastResult={lastResult} /> : null}
      <DeadlineList deadlines={deadlines} />
      {maySetDeadline ? <DeadlineForm defaultKey={thisMonth} lastResult={lastResult} /> : null}
      <section className="space-y-3" aria-labelledby="returns-title">
        <h2 id="returns-title" className="text-xl font-semibold">
          {t("reports.list.title")}
        </h2>
        {returns.length === 0 ? <p className="card text-stone-600">{t("reports.list.empty")}</p> : null}
        <ul className="space-y-2">
          {returns.map((row) => (
            <li key={row.id} className="card flex flex-wrap items-center gap-2">
              <span className="font-medium">
                {t("reports.return.title", {
                  scope: scopeLabel(row.scope),
                  kind: t(`reports.kind.${row.periodKind}`),
                  period: row.periodKey,
                })}
              </span>
              <span className="text-sm text-stone-600">{t(`reports.status.${row.status}`)}</span>
              <Link to={`/bureau/reports/${row.id}`} className="link ml-auto">
                {t("reports.list.open")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
