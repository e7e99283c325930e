import { useT } from "~/i18n/use-t";
import type { LeverageFigures } from "~/modules/reports/leverage.server";
import { LeverageTable, useCountyLabel } from "./report-tables";

/** The dashboard's leverage section: by year, county and programme (decision 036). */
export function LeverageSection({ leverage }: { leverage: LeverageFigures }) {
  const { t } = useT();
  const countyLabel = useCountyLabel();
  return (
    <section className="space-y-3" aria-labelledby="leverage-title">
      <h2 id="leverage-title" className="text-xl font-semibold">
        {t("reports.leverage.title")}
      </h2>
      <p className="text-sm text-stone-600">{t("reports.leverage.intro")}</p>
      <LeverageTable
        heading={t("reports.leverage.year")}
        total={leverage.total}
        rows={leverage.byYear.map((row) => ({ ...row, name: String(row.year), key: String(row.year) }))}
      />
      {leverage.byCounty.length > 0 ? (
        <LeverageTable
          heading={t("reports.leverage.county")}
          total={leverage.total}
          rows={leverage.byCounty.map((row) => ({
            ...row,
            name: countyLabel(row.countyCode),
            key: row.countyCode,
          }))}
        />
      ) : null}
      {leverage.byProgramme.length > 0 ? (
        <LeverageTable
          heading={t("reports.leverage.programme")}
          total={leverage.total}
          rows={leverage.byProgramme.map((row) => ({
            ...row,
            name: row.programmeTitle,
            key: row.programmeId,
          }))}
        />
      ) : null}
    </section>
  );
}
