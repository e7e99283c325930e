import { formatMoney, formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { LeverageLine } from "~/modules/reports/leverage.server";
import { FIGURE_KEYS, type ReportFigures } from "~/modules/reports/reports.figures";
import { countyName } from "~/modules/reference/reference";

/** The figures of a return (or of the roll-up's total), in the fixed order of FIGURE_KEYS. */
export function FiguresTable({ figures }: { figures: ReportFigures }) {
  const { t, locale } = useT();
  return (
    <table className="w-full text-sm">
      <tbody>
        {FIGURE_KEYS.map((key) => {
          const value = figures[key];
          return (
            <tr key={key} className="border-b border-stone-200">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {t(`reports.figure.${key}`)}
              </th>
              <td className="py-1 text-right tabular-nums" data-figure={key}>
                {value === null || value === undefined
                  ? t("reports.figure.notYet")
                  : key.endsWith("Fen")
                    ? formatMoney(locale, value)
                    : formatNumber(locale, value)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RatioText({ line }: { line: LeverageLine }) {
  const { t } = useT();
  return (
    <>{line.ratio === null ? "—" : t("reports.leverage.ratioValue", { ratio: line.ratio.toFixed(2) })}</>
  );
}

type NamedLine = LeverageLine & { name: string; key: string };

/** Public money, matched money and their ratio, one row per project, programme, county or year. */
export function LeverageTable({
  heading,
  rows,
  total,
}: {
  heading: string;
  rows: NamedLine[];
  total: LeverageLine;
}) {
  const { t, locale } = useT();
  if (rows.length === 0) return <p className="text-sm text-stone-600">{t("reports.leverage.none")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="py-1 pr-2">
              {heading}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("reports.leverage.public")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("reports.leverage.matched")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("reports.leverage.ratio")}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...rows, { ...total, name: t("reports.leverage.total"), key: "total" }].map((row) => (
            <tr key={row.key} className="border-b border-stone-200">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {row.name}
              </th>
              <td className="py-1 pr-2 text-right tabular-nums">{formatMoney(locale, row.publicFen)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatMoney(locale, row.matchedFen)}</td>
              <td className="py-1 text-right tabular-nums">
                <RatioText line={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function useCountyLabel() {
  const { t, locale } = useT();
  return (scope: string) =>
    scope === "CITY" ? t("reports.scope.CITY") : (countyName(scope, locale) ?? scope);
}
