import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BudgetTable } from "~/components/monitoring/plan-views";
import { FlagSummary, Photos, ReportCard, ReportSchedule } from "~/components/monitoring/reports";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { reportsPage } from "~/modules/monitoring/monitoring.server";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.reportsTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, reportsPage(user, params.id ?? ""));
  return { ...page, locale };
}

export default function ProjectReportsPage() {
  const { t, locale } = useT();
  const { project, plan, schedule, reports, visits, flags, nextPeriod, mayVisit, member } =
    useLoaderData<typeof loader>();
  const base = `/programmes/applications/${project.id}`;
  const photoUrl = (id: string) => `${base}/photos/${id}`;
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.reportsTitle")}</h1>
      <p>{project.title}</p>
      <div className="card space-y-2">
        <h2 className="font-semibold">{t("monitoring.schedule")}</h2>
        <ReportSchedule schedule={schedule} />
        {!plan ? (
          <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
            {t("monitoring.budgetFirst")}
          </p>
        ) : null}
        {nextPeriod ? (
          <Link to={`${base}/report?period=${nextPeriod}`} className="btn-primary w-full">
            {t("monitoring.fileReport", { period: nextPeriod })}
          </Link>
        ) : null}
        {mayVisit ? (
          <Link to={`${base}/visit`} className="btn-secondary w-full">
            {t("monitoring.recordVisit")}
          </Link>
        ) : null}
        <Link to={`${base}/plan`} className="link block">
          {t("monitoring.planLink")}
        </Link>
      </div>
      {plan ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">
            {t("monitoring.approvedVersion", { version: plan.version })}
          </summary>
          <BudgetTable lines={plan.budgetLines} />
        </details>
      ) : null}
      {flags.length && !member ? (
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("monitoring.flagsTitle")}</h2>
          {flags.map((flag) => (
            <div key={flag.id}>
              <FlagSummary rule={flag.rule} evidence={flag.evidence} />
              <p className="text-sm text-stone-600">{t(`monitoring.flagStatus.${flag.status}`)}</p>
            </div>
          ))}
        </div>
      ) : null}
      {reports.map((report) => (
        <ReportCard key={report.id} report={report} photoUrl={photoUrl} />
      ))}
      {visits.length ? <h2 className="text-lg font-semibold">{t("monitoring.visitsTitle")}</h2> : null}
      {visits.map((visit) => (
        <article key={visit.id} className="card space-y-2">
          <h3 className="font-semibold">
            {formatDate(locale, visit.visitedOn)} ·{" "}
            {t(visit.matchesReport ? "monitoring.matches" : "monitoring.doesNotMatch")}
          </h3>
          <p className="whitespace-pre-line">{visit.findings}</p>
          <Photos ids={visit.photoIds} url={photoUrl} />
        </article>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
