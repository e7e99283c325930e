import { useT } from "~/i18n/use-t";
import type { DashboardFigures } from "~/modules/dashboard/dashboard.server";
import { Chart, TargetsTable, YearsTable } from "./dashboard-tables";

/**
 * The dashboard's figures over time: progress against the plan's targets, then each year's
 * spaces, demonstrations, needs and money, as charts with their tables.
 */
export function YearSections({
  figures,
  charts,
}: {
  figures: DashboardFigures;
  charts: { targets: string; needs: string; money: string };
}) {
  const { t } = useT();
  return (
    <>
      <section className="space-y-3" aria-labelledby="targets-title">
        <h2 id="targets-title" className="text-xl font-semibold">
          {t("dashboard.targets.title")}
        </h2>
        <TargetsTable figures={figures} />
        <Chart svg={charts.targets} label={t("dashboard.chart.targets")}>
          <YearsTable
            years={figures.years.slice(-3)}
            columns={["spacesTotal", "demosTotal", "commissioners"]}
          />
        </Chart>
      </section>

      <section className="space-y-3" aria-labelledby="years-title">
        <h2 id="years-title" className="text-xl font-semibold">
          {t("dashboard.years.title")}
        </h2>
        <Chart svg={charts.needs} label={t("dashboard.chart.needs")}>
          <YearsTable years={figures.years} columns={["needsPosted", "needsMatched", "medianHours"]} />
        </Chart>
        <Chart svg={charts.money} label={t("dashboard.chart.money")}>
          <YearsTable years={figures.years} columns={["fundedFen", "releasedFen", "disbursedFen"]} />
        </Chart>
        <YearsTable
          years={figures.years}
          columns={[
            "spacesTotal",
            "spacesNew",
            "demosTotal",
            "demosNew",
            "commissioners",
            "needsPosted",
            "needsMatched",
            "medianHours",
          ]}
        />
      </section>
    </>
  );
}
