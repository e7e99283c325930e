import { DataTable, useCells } from "~/components/dashboard/dashboard-tables";
import { useT } from "~/i18n/use-t";
import type { DashboardFigures } from "~/modules/dashboard/dashboard.server";
import { MECHANISMS } from "~/modules/linkage/linkage.schema";

/**
 * 利益联结 on the bureau dashboard (issue 23): the latest year's households reached and money paid
 * to households as a card, then each year and each county with the money by mechanism.
 */
export function DashboardLinkageSection({ linkage }: { linkage: DashboardFigures["linkage"] }) {
  const { t } = useT();
  const cells = useCells();
  const latest = linkage.years.at(-1);
  const header = [
    t("dashboard.linkage.households"),
    t("dashboard.linkage.money"),
    ...MECHANISMS.map((m) => t(`linkage.mechanism.${m}`)),
  ];
  const values = (
    row: DashboardFigures["linkage"]["years"][number] | DashboardFigures["linkage"]["counties"][number],
  ) => [
    cells.count(row.householdsReached),
    cells.money(row.moneyToHouseholdsFen),
    ...MECHANISMS.map((m) => cells.money(row.byMechanism[m])),
  ];
  return (
    <section className="space-y-3" aria-labelledby="linkage-title">
      <h2 id="linkage-title" className="text-xl font-semibold">
        {t("dashboard.linkage.title")}
      </h2>
      {latest ? (
        <dl className="grid grid-cols-2 gap-3">
          <div className="card">
            <dt className="text-sm text-stone-600">
              {latest.year} · {t("dashboard.linkage.households")}
            </dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="households-reached">
              {latest.householdsReached}
            </dd>
          </div>
          <div className="card">
            <dt className="text-sm text-stone-600">
              {latest.year} · {t("dashboard.linkage.money")}
            </dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="money-to-households">
              {cells.money(latest.moneyToHouseholdsFen)}
            </dd>
          </div>
        </dl>
      ) : null}
      <DataTable
        caption={t("dashboard.linkage.title")}
        header={[t("dashboard.col.year"), ...header]}
        rows={linkage.years.map((row) => [row.year, ...values(row)])}
      />
      <DataTable
        caption={t("dashboard.counties.title")}
        header={[t("dashboard.col.county"), ...header]}
        rows={linkage.counties.map((row) => [cells.county(row.countyCode), ...values(row)])}
      />
    </section>
  );
}
