import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { RollUpTable } from "~/components/reports/rollup-table";
import { useCountyLabel } from "~/components/reports/report-tables";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { rollUp } from "~/modules/reports/rollup.server";
import { PERIOD_KINDS, isPeriodKey, lastEndedPeriodKey, periodOf } from "~/modules/reports/reports.periods";
import { PeriodQuerySchema } from "~/modules/reports/reports.schema";
import { requirePermission } from "~/modules/users/guards.server";
import { luoyangToday } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("reports.rollup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report.rollup");
  const query = PeriodQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Without a period (or with a key that does not fit its kind, a hand-edited link) the roll-up
  // shows the last period of that kind that has ended: the one whose returns are due.
  const key =
    query.periodKey && isPeriodKey(query.periodKind, query.periodKey)
      ? query.periodKey
      : lastEndedPeriodKey(query.periodKind);
  const [view, locale] = await Promise.all([rollUp(periodOf(query.periodKind, key)), getLocale(request)]);
  return { view, locale };
}

export default function RollUpPage() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useT();
  const countyLabel = useCountyLabel();
  const names = (codes: string[]) => codes.map(countyLabel).join("、");
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reports.rollup.title")}</h1>
        <p className="text-stone-600">{t("reports.rollup.intro")}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("reports.periodKind")}</span>
          <select name="periodKind" defaultValue={view.period.kind} className="input">
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reports.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("reports.periodKey")}</span>
          <input name="periodKey" defaultValue={view.period.key} maxLength={10} className="input" />
        </label>
        <button type="submit" className="btn-secondary">
          {t("reports.rollup.show")}
        </button>
      </Form>
      <p>{t("reports.return.period", { first: view.period.firstDay, last: view.period.lastDay })}</p>
      {view.dueAt ? <p>{t("reports.return.due", { due: luoyangToday(new Date(view.dueAt)) })}</p> : null}
      <p>
        {view.city ? (
          <Link to={`/bureau/reports/${view.city.id}`} className="link">
            {t("reports.rollup.city", { status: t(`reports.status.${view.city.status}`) })}
          </Link>
        ) : (
          t("reports.rollup.cityMissing")
        )}
      </p>
      <div className="card space-y-1" role="status">
        {view.missing.length === 0 ? (
          <p>{t("reports.rollup.allIn")}</p>
        ) : (
          <p>{t("reports.rollup.missing", { counties: names(view.missing) })}</p>
        )}
        {view.late.length > 0 ? (
          <p className="font-medium text-red-700">
            {t("reports.rollup.lateList", { counties: names(view.late) })}
          </p>
        ) : null}
      </div>
      <p>
        {/* A plain link: the browser downloads the file, no JavaScript needed. */}
        <a
          href={`/bureau/reports/roll-up.xlsx?periodKind=${view.period.kind}&periodKey=${view.period.key}`}
          className="link"
          download
        >
          {t("reports.rollup.xlsx")}
        </a>
      </p>
      <RollUpTable view={view} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
