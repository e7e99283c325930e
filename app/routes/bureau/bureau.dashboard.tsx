import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  renderCountyMap,
  renderMoneyChart,
  renderNeedsChart,
  renderTargetsChart,
} from "~/modules/dashboard/charts.server";
import { dashboardQuery, parseDashboardFilters } from "~/modules/dashboard/dashboard.schema";
import { currentYear, dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { planPeople } from "~/modules/reports/plan-people.server";
import { requirePermission } from "~/modules/users/guards.server";
import { scopeCountyFilter, scopeOf } from "~/modules/oversight/county-access";
import { responseTimesByCounty } from "~/modules/reach/triage.server";
import { ResponseTimesSection } from "~/components/reach/reach-sections";
import {
  Chart,
  CountiesTable,
  DashboardFilterForm,
  IndustriesTable,
  MAP_METRIC_LABELS,
  MapTable,
} from "~/components/dashboard/dashboard-tables";
import { YearSections } from "~/components/dashboard/year-sections";
import { CountyFixedNote } from "~/components/counties/county-fixed-note";
import { PlanPeopleSection } from "~/components/dashboard/plan-people-section";
import { DashboardLinkageSection } from "~/components/linkage/dashboard-linkage";
import { titleMeta } from "~/utils/meta";
import { LeverageSection } from "~/components/reports/leverage-section";
import { dashboardLeverage } from "~/modules/reports/leverage.server";

export const meta: MetaFunction<typeof loader> = titleMeta("dashboard.title");

/** Years offered in the filter: the last ten, and whatever year a link asked for. */
function yearOptions(selected?: number): number[] {
  const last = currentYear();
  const years = Array.from({ length: 10 }, (_, index) => last - index);
  return selected && !years.includes(selected) ? [selected, ...years] : years;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const query = scopeCountyFilter(user, parseDashboardFilters(new URL(request.url).searchParams));
  if (!query) throw new Response("Forbidden", { status: 403 });
  const countyFixed = scopeOf(user)?.kind === "county";
  const { map, ...filters } = query;
  const [figures, plan, locale] = await Promise.all([
    dashboardFigures(filters),
    planPeople(filters),
    getLocale(request),
  ]);
  const metric = translate(locale, MAP_METRIC_LABELS[map]);
  const charts = {
    targets: renderTargetsChart(figures, locale),
    needs: renderNeedsChart(figures, locale),
    money: renderMoneyChart(figures, locale),
    map: renderCountyMap({
      values: Object.fromEntries(figures.counties.map((county) => [county.countyCode, county[map]])),
      title: translate(locale, "dashboard.map.title", { metric }),
      locale,
      // Counts of different things (spaces, people, needs): the legend shows plain numbers.
      unit: "",
    }),
  };
  const responseTimes = await responseTimesByCounty({ year: filters.year, countyCode: filters.countyCode });
  const leverage = await dashboardLeverage(filters);
  return {
    figures,
    query,
    countyFixed,
    charts,
    locale,
    years: yearOptions(query.year),
    responseTimes,
    leverage,
    plan,
  };
}

export default function DashboardPage() {
  const { figures, query, countyFixed, charts, years, responseTimes, leverage, plan } =
    useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { map: _map, ...exportFilters } = query;
  const exportQuery = dashboardQuery(exportFilters);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
        <p className="text-stone-600">{t("dashboard.intro")}</p>
      </header>
      {countyFixed ? <CountyFixedNote countyCode={query.countyCode} /> : null}
      <DashboardFilterForm query={query} years={years} countyFixed={countyFixed} />

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p className="font-medium">
          {t("dashboard.escrowHeld")}: {formatMoney(locale, figures.escrowHeldFen)}
        </p>
        {/* Plain links: the browser downloads the files, no JavaScript needed. */}
        <a href={`/bureau/dashboard.csv${exportQuery}`} className="link sm:ml-auto" download>
          {t("dashboard.export.csv")}
        </a>
        <a href={`/bureau/dashboard.xlsx${exportQuery}`} className="link" download>
          {t("dashboard.export.xlsx")}
        </a>
      </div>

      <p className="text-sm text-stone-600">{t("dashboard.firstResponse.help")}</p>
      <YearSections figures={figures} charts={charts} />

      <section className="space-y-3" aria-labelledby="counties-title">
        <h2 id="counties-title" className="text-xl font-semibold">
          {t("dashboard.counties.title")}
        </h2>
        <p className="text-sm text-stone-600">
          {query.year ? t("dashboard.scope.year", { year: query.year }) : t("dashboard.scope.all")}
        </p>
        <Chart svg={charts.map} label={t("dashboard.map.title", { metric: t(MAP_METRIC_LABELS[query.map]) })}>
          <MapTable figures={figures} metric={query.map} />
        </Chart>
        <CountiesTable figures={figures} />
      </section>

      <DashboardLinkageSection linkage={figures.linkage} />

      <PlanPeopleSection plan={plan} />

      <ResponseTimesSection rows={responseTimes} />

      <LeverageSection leverage={leverage} />

      {/* financing (issue 23) */}
      <section className="card space-y-2" aria-labelledby="financing-title" data-testid="dashboard-financing">
        <h2 id="financing-title" className="text-xl font-semibold">
          {t("dashboard.financing.title")}
        </h2>
        <p className="text-sm text-stone-600">
          {query.year ? t("dashboard.scope.year", { year: query.year }) : t("dashboard.scope.all")}
        </p>
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-sm">
          <dt>{t("dashboard.financing.posted")}</dt>
          <dd className="text-right tabular-nums">{figures.financing.financingNeedsPosted}</dd>
          <dt>{t("dashboard.financing.mobilised")}</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="financing-mobilised">
            {formatMoney(locale, figures.financing.financingMobilisedFen)}
          </dd>
          <dt>{t("reports.figure.financingLoanFen")}</dt>
          <dd className="text-right tabular-nums">
            {formatMoney(locale, figures.financing.financingLoanFen)}
          </dd>
          <dt>{t("reports.figure.financingGuaranteeFen")}</dt>
          <dd className="text-right tabular-nums">
            {formatMoney(locale, figures.financing.financingGuaranteeFen)}
          </dd>
          <dt>{t("reports.figure.financingEquityFen")}</dt>
          <dd className="text-right tabular-nums">
            {formatMoney(locale, figures.financing.financingEquityFen)}
          </dd>
        </dl>
      </section>

      <section className="space-y-3" aria-labelledby="industries-title">
        <h2 id="industries-title" className="text-xl font-semibold">
          {t("dashboard.industries.title")}
        </h2>
        <IndustriesTable figures={figures} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
