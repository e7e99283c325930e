import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { formatMoney, formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { DashboardFigures, YearFigures } from "~/modules/dashboard/dashboard.server";
import { MAP_METRICS, type DashboardQuery } from "~/modules/dashboard/dashboard.schema";
import { PLAN_TARGETS } from "~/modules/dashboard/plan-targets";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

export const MAP_METRIC_LABELS = {
  spaces: "dashboard.col.spaces",
  demos: "dashboard.col.demos",
  commissioners: "dashboard.col.commissioners",
  needsPosted: "dashboard.col.needsPosted",
} as const satisfies Record<(typeof MAP_METRICS)[number], MessageKey>;

function Select({
  name,
  label,
  value,
  all,
  options,
}: {
  name: string;
  label: string;
  value?: string | number;
  all?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block text-sm">
      <span className="text-stone-700">{label}</span>
      <select name={name} defaultValue={value === undefined ? "" : String(value)} className="input mt-1">
        {all ? <option value="">{all}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A GET form: works without JavaScript and gives a link that can be shared. */
export function DashboardFilterForm({ query, years }: { query: DashboardQuery; years: number[] }) {
  const { t, locale } = useT();
  return (
    <Form method="get" action="/bureau/dashboard" className="card grid gap-3 sm:grid-cols-4 sm:items-end">
      <Select
        name="year"
        label={t("dashboard.filter.year")}
        value={query.year}
        all={t("dashboard.filter.allYears")}
        options={years.map((year) => ({ value: String(year), label: String(year) }))}
      />
      <Select
        name="countyCode"
        label={t("dashboard.filter.county")}
        value={query.countyCode}
        all={t("dashboard.filter.allCounties")}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <Select
        name="industry"
        label={t("dashboard.filter.industry")}
        value={query.industry}
        all={t("dashboard.filter.allIndustries")}
        options={INDUSTRIES.map((industry) => ({ value: industry.code, label: localName(industry, locale) }))}
      />
      <Select
        name="map"
        label={t("dashboard.map.metric")}
        value={query.map}
        options={MAP_METRICS.map((metric) => ({ value: metric, label: t(MAP_METRIC_LABELS[metric]) }))}
      />
      <p className="text-sm text-stone-600 sm:col-span-4">{t("dashboard.filter.industryHint")}</p>
      <div className="flex gap-2 sm:col-span-4">
        <button type="submit" className="btn-primary flex-1 sm:flex-none">
          {t("dashboard.filter.apply")}
        </button>
        <Link to="/bureau/dashboard" className="btn-secondary">
          {t("dashboard.filter.reset")}
        </Link>
      </div>
    </Form>
  );
}

/** A table that scrolls sideways on a narrow phone instead of squeezing its columns. */
export function DataTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: string[];
  rows: ReactNode[][];
}) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50 text-left">
          <tr>
            {header.map((cell) => (
              <th key={cell} scope="col" className="px-3 py-2 font-medium">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row" className="px-3 py-2 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={column} className="px-3 py-2 tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A server-rendered chart followed by the same figures as a table for screen readers and copying. */
export function Chart({ svg, label, children }: { svg: string; label: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <figure className="card space-y-2">
      {/* The SVG is built on the server from catalogue text and reference names only (charts.server.ts). */}
      <div
        role="img"
        aria-label={label}
        className="overflow-x-auto [&>svg]:h-auto [&>svg]:max-w-full"
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <details>
        <summary className="cursor-pointer text-sm text-stone-700">{t("dashboard.chart.table")}</summary>
        <div className="mt-2">{children}</div>
      </details>
    </figure>
  );
}

export function useCells() {
  const { t, locale } = useT();
  return {
    count: (value: number) => formatNumber(locale, value),
    money: (fen: number) => formatMoney(locale, fen),
    hours: (value: number | null) => (value === null ? t("dashboard.none") : formatNumber(locale, value)),
  };
}

export function TargetsTable({ figures }: { figures: DashboardFigures }) {
  const { t } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t("dashboard.targets.caption")}
      header={[
        t("dashboard.col.year"),
        t("dashboard.col.target"),
        t("dashboard.col.range"),
        t("dashboard.col.actual"),
        t("dashboard.col.status"),
      ]}
      rows={figures.targets.map((row) => {
        const target = PLAN_TARGETS.find((item) => item.metric === row.metric)!;
        return [
          row.year,
          t(target.wording),
          t("dashboard.range", { min: row.min, max: row.max }),
          cells.count(row.actual),
          <span key="status" className={row.met ? "font-medium text-green-700" : "text-amber-700"}>
            {t(row.met ? "dashboard.status.met" : "dashboard.status.notYet")}
          </span>,
        ];
      })}
    />
  );
}

export function YearsTable({ years, columns }: { years: YearFigures[]; columns: (keyof YearFigures)[] }) {
  const { t } = useT();
  const cells = useCells();
  const labels: Record<keyof YearFigures, MessageKey> = {
    year: "dashboard.col.year",
    spacesTotal: "dashboard.col.spacesTotal",
    spacesNew: "dashboard.col.spacesNew",
    demosTotal: "dashboard.col.demosTotal",
    demosNew: "dashboard.col.demosNew",
    commissioners: "dashboard.col.commissioners",
    needsPosted: "dashboard.col.needsPosted",
    needsMatched: "dashboard.col.needsMatched",
    medianHours: "dashboard.col.medianHours",
    fundedFen: "dashboard.col.funded",
    releasedFen: "dashboard.col.released",
    disbursedFen: "dashboard.col.disbursed",
  };
  const show = (column: keyof YearFigures, row: YearFigures) => {
    const value = row[column];
    if (column === "year") return String(value);
    if (column === "medianHours") return cells.hours(row.medianHours);
    return column.endsWith("Fen") ? cells.money(value as number) : cells.count(value as number);
  };
  return (
    <DataTable
      caption={t("dashboard.years.title")}
      header={["year" as const, ...columns].map((column) => t(labels[column]))}
      rows={years.map((row) => ["year" as const, ...columns].map((column) => show(column, row)))}
    />
  );
}

export function CountiesTable({ figures }: { figures: DashboardFigures }) {
  const { t, locale } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t("dashboard.counties.title")}
      header={[
        t("dashboard.col.county"),
        t("dashboard.col.spaces"),
        t("dashboard.col.demos"),
        t("dashboard.col.commissioners"),
        t("dashboard.col.needsPosted"),
        t("dashboard.col.needsMatched"),
        t("dashboard.col.medianHours"),
        t("dashboard.col.released"),
        t("dashboard.col.disbursed"),
        t("dashboard.col.escrow"),
      ]}
      rows={figures.counties.map((row) => [
        localName(
          COUNTIES.find((county) => county.code === row.countyCode)!,
          locale,
        ),
        cells.count(row.spaces),
        cells.count(row.demos),
        cells.count(row.commissioners),
        cells.count(row.needsPosted),
        cells.count(row.needsMatched),
        cells.hours(row.medianHours),
        cells.money(row.releasedFen),
        cells.money(row.disbursedFen),
        cells.money(row.escrowFen),
      ])}
    />
  );
}

export function IndustriesTable({ figures }: { figures: DashboardFigures }) {
  const { t, locale } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t("dashboard.industries.title")}
      header={[
        t("dashboard.col.industry"),
        t("dashboard.col.needsPosted"),
        t("dashboard.col.needsMatched"),
        t("dashboard.col.released"),
        t("dashboard.col.disbursed"),
      ]}
      rows={figures.industries.map((row) => [
        localName(
          INDUSTRIES.find((industry) => industry.code === row.industry)!,
          locale,
        ),
        cells.count(row.needsPosted),
        cells.count(row.needsMatched),
        cells.money(row.releasedFen),
        cells.money(row.disbursedFen),
      ])}
    />
  );
}

/** The county map's figures as a table, for the <details> under the map. */
export function MapTable({
  figures,
  metric,
}: {
  figures: DashboardFigures;
  metric: (typeof MAP_METRICS)[number];
}) {
  const { t, locale } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t("dashboard.map.title", { metric: t(MAP_METRIC_LABELS[metric]) })}
      header={[t("dashboard.col.county"), t(MAP_METRIC_LABELS[metric])]}
      rows={figures.counties.map((row) => [
        localName(
          COUNTIES.find((county) => county.code === row.countyCode)!,
          locale,
        ),
        cells.count(row[metric]),
      ])}
    />
  );
}
