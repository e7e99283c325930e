import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReturnNotesForm } from "~/components/reports/report-forms";
import { FiguresTable, LeverageTable, useCountyLabel } from "~/components/reports/report-tables";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { requireReportReader } from "~/modules/reports/reports-guard.server";
import { ReturnNotesSchema } from "~/modules/reports/reports.schema";
import { getReturn, saveReturnNotes, submitReturn } from "~/modules/reports/reports.server";
import { luoyangDateTime, luoyangToday } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/errors";
import { submitForm } from "~/utils/form-action.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("reports.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireReportReader(request);
  const [view, locale] = await Promise.all([
    getReturn(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { view, locale };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireReportReader(request);
  const id = params.id ?? "";
  return submitForm(request, ReturnNotesSchema, async (input) => {
    if (input.intent === "submit") {
      await submitReturn(user, id);
      return { redirectTo: `/bureau/reports/${id}`, toast: { message: "reports.return.submitted" } };
    }
    await saveReturnNotes(user, { id, narrative: input.narrative, notes: input.notes });
    return { redirectTo: `/bureau/reports/${id}`, toast: { message: "reports.return.saved" } };
  });
}

export default function ReturnPage() {
  const { view } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const scopeLabel = useCountyLabel();
  const { snapshot } = view;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <Link to="/bureau/reports" className="link text-sm">
          {t("reports.return.back")}
        </Link>
        <h1 className="text-2xl font-bold">
          {t("reports.return.title", {
            scope: scopeLabel(view.scope),
            kind: t(`reports.kind.${view.period.kind}`),
            period: view.period.key,
          })}
        </h1>
        <p className="text-stone-600">
          {t("reports.return.period", { first: view.period.firstDay, last: view.period.lastDay })}
        </p>
        {view.dueAt ? <p>{t("reports.return.due", { due: luoyangToday(new Date(view.dueAt)) })}</p> : null}
        <p className="font-medium" data-status={view.status}>
          {t(`reports.status.${view.status}`)}
          {view.submittedAt
            ? ` · ${t("reports.return.submittedAt", { at: luoyangDateTime(view.submittedAt) })}`
            : ""}
        </p>
        <p className="text-sm text-stone-600">
          {t(view.status === "SUBMITTED" ? "reports.return.frozen" : "reports.return.live")}
        </p>
        {/* A plain link: the browser downloads the file, no JavaScript needed. */}
        <a href={`/bureau/reports/${view.id}/return.xlsx`} className="link" download>
          {t("reports.return.xlsx")}
        </a>
      </header>

      <section className="space-y-3" aria-labelledby="figures-title">
        <h2 id="figures-title" className="text-xl font-semibold">
          {t("reports.figures.title")}
        </h2>
        <FiguresTable figures={snapshot.figures} />
      </section>

      <section className="space-y-3" aria-labelledby="leverage-title">
        <h2 id="leverage-title" className="text-xl font-semibold">
          {t("reports.leverage.title")}
        </h2>
        <p className="text-sm text-stone-600">{t("reports.leverage.intro")}</p>
        <LeverageTable
          heading={t("reports.leverage.project")}
          total={snapshot.leverage.total}
          rows={snapshot.leverage.byProject.map((row) => ({
            ...row,
            name: row.title,
            key: row.applicationId,
          }))}
        />
      </section>

      {view.mayEdit ? (
        <ReturnNotesForm
          narrative={view.narrative}
          notes={view.notes}
          submittableFrom={view.submittableFrom}
          lastResult={lastResult}
        />
      ) : (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">{t("reports.return.narrative")}</h2>
          <p className="whitespace-pre-wrap">{view.narrative || "—"}</p>
          <h2 className="text-xl font-semibold">{t("reports.return.notes")}</h2>
          <p className="whitespace-pre-wrap">{view.notes || "—"}</p>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
