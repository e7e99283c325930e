import { createRequire } from "node:module";
import type * as Echarts from "echarts";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { COUNTIES, localName } from "~/modules/reference/reference";
import type { DashboardFigures } from "./dashboard.server";
import luoyangCounties from "./luoyang-counties.geo.json";
import { PLAN_TARGETS, actualFor } from "./plan-targets";

// Charts are rendered on the server to SVG strings that the page inlines: phones get a picture
// without downloading ECharts. Every text in them comes from the catalogue or our reference data,
// never from what users typed.

// ECharts is loaded with the first chart a page draws, not when the server starts, and as its
// one-file CommonJS build: Node's `import "echarts"` loads the ES module tree (hundreds of files),
// which took 41 MiB and 2 s against 19 MiB and 0.5 s for the same library (docs/decisions/043).
let loaded: typeof Echarts | undefined;
function echartsModule(): typeof Echarts {
  loaded ??= createRequire(import.meta.url)("echarts") as typeof Echarts;
  return loaded;
}

const PALETTE = ["#15803d", "#ca8a04", "#2563eb", "#9333ea"];
const TEXT = { fontFamily: "sans-serif", color: "#44403c" };

/** Renders one option to SVG and always disposes the chart (a live chart keeps a timer running). */
// The same figures give the same picture: the last few renderings are kept, so a page that is
// read often (the public directory's map) does not lay out the map on every request.
const rendered = new Map<string, string>();
const RENDERED_KEPT = 32;

/** SVG presentation attributes ECharts writes as inline style; the same as attributes are kept. */
const PRESENTATION = new Set([
  "font-size",
  "font-family",
  "font-weight",
  "font-style",
  "fill",
  "stroke",
  "opacity",
]);

/**
 * The site's Content-Security-Policy refuses inline style attributes, so the label fonts ECharts
 * puts in `style="…"` would be dropped by the browser. They become presentation attributes
 * (`font-size="9px"`), which the policy does not cover.
 */
export function withoutStyleAttributes(svg: string): string {
  // The <style> sheet only holds hover effects, which a picture rendered on the server never
  // shows; the policy would refuse it too.
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ style="([^"]*)"/g, (_match, declarations: string) =>
      declarations
        .split(";")
        .map((declaration) => declaration.split(":").map((part) => part.trim()))
        .filter(([name, value]) => name && value && PRESENTATION.has(name))
        .map(([name, value]) => ` ${name}="${value}"`)
        .join(""),
    );
}

function renderSvg(option: Echarts.EChartsOption, width: number, height: number): string {
  const key = `${width}x${height}:${JSON.stringify(option)}`;
  const kept = rendered.get(key);
  if (kept !== undefined) return kept;
  const chart = echartsModule().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: TEXT, ...option });
    const svg = withoutStyleAttributes(chart.renderToSVGString());
    if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}

const FEN_PER_YUAN = 100;

/** The latest three years against the plan's targets, with each target's band shaded. */
export function renderTargetsChart(figures: DashboardFigures, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const years = figures.years.slice(-3);
  const categories = PLAN_TARGETS.map((target) => t(target.label));
  return renderSvg(
    {
      title: {
        text: t("dashboard.chart.targets"),
        subtext: t("dashboard.chart.band"),
        left: "center",
        textStyle: { fontSize: 14 },
      },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 56, bottom: 56 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", minInterval: 1 },
      series: years.map((year, index) => ({
        type: "bar" as const,
        name: String(year.year),
        data: PLAN_TARGETS.map((target) => actualFor(target.metric, year)),
        label: { show: true, position: "top" as const },
        // The band from the target's lower to upper bound, drawn once behind the bars.
        markArea:
          index === 0
            ? {
                silent: true,
                itemStyle: { color: "rgba(21, 128, 61, 0.12)" },
                data: PLAN_TARGETS.map((target, position) => [
                  { xAxis: categories[position], yAxis: target.min },
                  { xAxis: categories[position], yAxis: target.max },
                ]) as never,
              }
            : undefined,
      })),
    },
    640,
    320,
  );
}

function barsByYear(
  figures: DashboardFigures,
  title: string,
  series: { name: string; values: number[] }[],
): string {
  return renderSvg(
    {
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 56 },
      xAxis: { type: "category", data: figures.years.map((year) => String(year.year)) },
      yAxis: { type: "value" },
      series: series.map((item) => ({
        type: "bar" as const,
        name: item.name,
        data: item.values,
        label: { show: true, position: "top" as const },
      })),
    },
    640,
    300,
  );
}

export function renderNeedsChart(figures: DashboardFigures, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  return barsByYear(figures, t("dashboard.chart.needs"), [
    { name: t("dashboard.col.needsPosted"), values: figures.years.map((year) => year.needsPosted) },
    { name: t("dashboard.col.needsMatched"), values: figures.years.map((year) => year.needsMatched) },
  ]);
}

/** Money in yuan (whole yuan on the chart; the table below has the exact amounts). */
export function renderMoneyChart(figures: DashboardFigures, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const yuan = (fen: number) => Math.round(fen / FEN_PER_YUAN);
  return barsByYear(figures, t("dashboard.chart.money"), [
    { name: t("dashboard.col.funded"), values: figures.years.map((year) => yuan(year.fundedFen)) },
    { name: t("dashboard.col.released"), values: figures.years.map((year) => yuan(year.releasedFen)) },
    { name: t("dashboard.col.disbursed"), values: figures.years.map((year) => yuan(year.disbursedFen)) },
  ]);
}

type Ring = number[][];
interface Feature {
  id: string;
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

/** The geojson's codes that changed since it was drawn: 孟津县 and 吉利区 are 孟津区, 偃师市 is 偃师区. */
const RENAMED_CODES: Record<string, string> = { "410322": "410308", "410306": "410308", "410381": "410307" };

/**
 * The boundaries in luoyang-counties.geo.json (origin and licence in luoyang-counties.NOTICE.md)
 * were snapped to a 1/300° grid (about 350 m, under a pixel at the map's size), which keeps the
 * SVG near 120 KB instead of 650, and written with four decimals. Snapping again puts every point
 * exactly on the grid, so the borders that two counties share stay identical.
 */
const GRID = 300;

function onGrid(ring: Ring): Ring {
  return ring.map(([lng, lat]) => [Math.round(lng! * GRID) / GRID, Math.round(lat! * GRID) / GRID]);
}

let countyPolygons: Map<string, Ring[][]> | undefined;

/** Luoyang's counties by today's code, each as polygons (孟津区 gets 吉利区's polygon too). */
function loadCountyPolygons(): Map<string, Ring[][]> {
  if (countyPolygons) return countyPolygons;
  const polygons = new Map<string, Ring[][]>();
  for (const feature of luoyangCounties.features as Feature[]) {
    const code = RENAMED_CODES[feature.id] ?? feature.id;
    const parts =
      feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    polygons.set(code, [...(polygons.get(code) ?? []), ...parts.map((rings) => rings.map(onGrid))]);
  }
  countyPolygons = polygons;
  return polygons;
}

const registered = new Set<Locale>();

/** Registers the map once per language: ECharts names regions by the feature's `name`. */
function mapName(locale: Locale): string {
  const name = `luoyang-${locale}`;
  if (registered.has(locale)) return name;
  const polygons = loadCountyPolygons();
  const features = COUNTIES.filter((county) => polygons.has(county.code)).map((county) => ({
    type: "Feature" as const,
    id: county.code,
    properties: { name: localName(county, locale) },
    geometry: { type: "MultiPolygon" as const, coordinates: polygons.get(county.code)! },
  }));
  echartsModule().registerMap(name, { type: "FeatureCollection", features } as never);
  registered.add(locale);
  return name;
}

export interface CountyMapInput {
  /** A figure per county code; counties without one are drawn as zero. */
  values: Record<string, number>;
  title: string;
  locale: Locale;
  /** Shown after the legend's values, e.g. "万元"; from the catalogue, or "" for plain counts. */
  unit: string;
}

/** A choropleth of Luoyang's counties and districts, with a colour legend. */
export function renderCountyMap({ values, title, locale, unit }: CountyMapInput): string {
  const data = COUNTIES.map((county) => ({
    name: localName(county, locale),
    value: values[county.code] ?? 0,
  }));
  const max = Math.max(1, ...data.map((item) => item.value));
  return renderSvg(
    {
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      visualMap: {
        type: "continuous",
        min: 0,
        max,
        left: 8,
        bottom: 8,
        text: [`${max} ${unit}`.trim(), `0 ${unit}`.trim()],
        calculable: false,
        inRange: { color: ["#f0fdf4", "#15803d"] },
      },
      series: [
        {
          type: "map",
          map: mapName(locale),
          top: 36,
          bottom: 8,
          label: { show: true, fontSize: 9, color: "#1c1917" },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: "#78716c", borderWidth: 0.5 },
          data,
        },
      ],
    },
    480,
    480,
  );
}
