import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { formatMoney, formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { FIGURE_KEYS, type ReportFigures } from "~/modules/reports/reports.figures";
import type { RollUp } from "~/modules/reports/rollup.server";
import { useCountyLabel } from "./report-tables";

/**
 * Each county's submitted figures in a column, the total in the last one; figures run down the
 * rows so that the table stays readable on a phone with a sideways scroll.
 */
export function RollUpTable({ view }: { view: SerializeFrom<RollUp> }) {
  const { t, locale } = useT();
  const countyLabel = useCountyLabel();
  const cell = (key: keyof ReportFigures, figures: ReportFigures | null) => {
    const value = figures?.[key];
    if (value === null || value === undefined) return "—";
    return key.endsWith("Fen") ? formatMoney(locale, value) : formatNumber(locale, value);
  };
  return (
    <div className="overflow-x-auto">
      <table className="text-sm">
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-1 pr-2 text-left">
              {t("reports.rollup.county")}
            </th>
            {view.counties.map((county) => (
              <th key={county.countyCode} scope="col" className="px-2 py-1 text-right whitespace-nowrap">
                {county.returnId && county.state === "submitted" ? (
                  <Link to={`/bureau/reports/${county.returnId}`} className="link">
                    {countyLabel(county.countyCode)}
                  </Link>
                ) : (
                  countyLabel(county.countyCode)
                )}
              </th>
            ))}
            <th scope="col" className="px-2 py-1 text-right">
              {t("reports.rollup.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-stone-200">
            <th scope="row" className="py-1 pr-2 text-left font-normal">
              {t("reports.rollup.state")}
            </th>
            {view.counties.map((county) => (
              <td
                key={county.countyCode}
                className="px-2 py-1 text-right whitespace-nowrap"
                data-county={county.countyCode}
              >
                {t(`reports.rollup.state.${county.state}`)}
                {county.late ? ` · ${t("reports.rollup.late")}` : ""}
              </td>
            ))}
            <td className="px-2 py-1 text-right">{view.submittedCount}</td>
          </tr>
          {FIGURE_KEYS.map((key) => (
            <tr key={key} className="border-b border-stone-200">
              <th scope="row" className="py-1 pr-2 text-left font-normal whitespace-nowrap">
                {t(`reports.figure.${key}`)}
              </th>
              {view.counties.map((county) => (
                <td key={county.countyCode} className="px-2 py-1 text-right tabular-nums">
                  {cell(key, county.figures)}
                </td>
              ))}
              <td className="px-2 py-1 text-right font-medium tabular-nums">{cell(key, view.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
