import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { formatMoney, formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { SelectOptions, type SelectOption } from "~/components/forms";
import { countyOptions, industryOptions } from "~/components/reference-fields";
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
  options: SelectOption[];
}) {
  return (
    <label className="block text-sm">
      <span className="text-stone-700">{label}</span>
      <select name={name} defaultValue={value === undefined ? "" : String(value)} className="input mt-1">
        <SelectOptions options={options} emptyLabel={all} />
      </select>
    </label>
  );
}

/** A GET form: works without JavaScript and gives a link that can be shared. */
export function DashboardFilterForm({
  query,
  years,
  countyFixed = false,
}: {
  query: DashboardQuery;
  years: number[];
  /** A county officer's page: the county is the account's, so there is no county to choose. */
  countyFixed?: boolean;
}) {
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
      {countyFixed ? null : (
        <Select
          name="countyCode"
          label={t("dashboard.filter.county")}
          value={query.countyCode}
          all={t("dashboard.filter.allCounties")}
          options={countyOptions(locale)}
        />
      )}
      <Select
        name="industry"
        label={t("dashboard.filter.industry")}
        value={query.industry}
        all={t("dashboard.filter.allIndustries")}
        options={industryOptions(locale)}
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
    county: (code: string) =>
      localName(
        COUNTIES.find((county) => county.code === code)!,
        locale,
      ),
    industry: (code: string) =>
      localName(
        INDUSTRIES.find((industry) => industry.code === code)!,
        locale,
      ),
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

type Cells = ReturnType<typeof useCells>;
/** A column of a figures table: its heading and how a row fills its cell. */
type Column<Row> = [MessageKey, (row: Row, cells: Cells) => ReactNode];

const COUNTY_COLUMNS: Column<DashboardFigures["counties"][number]>[] = [
  ["dashboard.col.county", (row, cells) => cells.county(row.countyCode)],
  ["dashboard.col.spaces", (row, cells) => cells.count(row.spaces)],
  ["dashboard.col.demos", (row, cells) => cells.count(row.demos)],
  ["dashboard.col.commissioners", (row, cells) => cells.count(row.commissioners)],
  ["dashboard.col.needsPosted", (row, cells) => cells.count(row.needsPosted)],
  ["dashboard.col.needsMatched", (row, cells) => cells.count(row.needsMatched)],
  ["dashboard.col.medianHours", (row, cells) => cells.hours(row.medianHours)],
  ["dashboard.col.released", (row, cells) => cells.money(row.releasedFen)],
  ["dashboard.col.disbursed", (row, cells) => cells.money(row.disbursedFen)],
  ["dashboard.col.escrow", (row, cells) => cells.money(row.escrowFen)],
];

const INDUSTRY_COLUMNS: Column<DashboardFigures["industries"][number]>[] = [
  ["dashboard.col.industry", (row, cells) => cells.industry(row.industry)],
  ["dashboard.col.needsPosted", (row, cells) => cells.count(row.needsPosted)],
  ["dashboard.col.needsMatched", (row, cells) => cells.count(row.needsMatched)],
  ["dashboard.col.released", (row, cells) => cells.money(row.releasedFen)],
  ["dashboard.col.disbursed", (row, cells) => cells.money(row.disbursedFen)],
];

/** One row of figures per county or industry, in the given columns. */
function FiguresTable<Row>({
  caption,
  rows,
  columns,
}: {
  caption: MessageKey;
  rows: Row[];
  columns: Column<Row>[];
}) {
  const { t } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t(caption)}
      header={columns.map(([label]) => t(label))}
      rows={rows.map((row) => columns.map(([, cell]) => cell(row, cells)))}
    />
  );
}

export function CountiesTable({ figures }: { figures: DashboardFigures }) {
  return <FiguresTable caption="dashboard.counties.title" rows={figures.counties} columns={COUNTY_COLUMNS} />;
}

export function IndustriesTable({ figures }: { figures: DashboardFigures }) {
  return (
    <FiguresTable caption="dashboard.industries.title" rows={figures.industries} columns={INDUSTRY_COLUMNS} />
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
  const { t } = useT();
  const cells = useCells();
  return (
    <DataTable
      caption={t("dashboard.map.title", { metric: t(MAP_METRIC_LABELS[metric]) })}
      header={[t("dashboard.col.county"), t(MAP_METRIC_LABELS[metric])]}
      rows={figures.counties.map((row) => [cells.county(row.countyCode), cells.count(row[metric])])}
    />
  );
}
