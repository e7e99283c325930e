// Small SVG charts for bench/report.md, written by hand so the report needs no charting library
// and renders anywhere Markdown shows images: horizontal bars with labels and marker lines, and
// a line chart. Every text goes through escapeXml, so page names and labels cannot break the file.

const FONT = "system-ui, 'Noto Sans CJK SC', sans-serif";
const INK = "#1a202c";
const MUTED = "#4a5568";
const GRID = "#e2e8f0";
const HALO = `stroke="#ffffff" stroke-width="3" paint-order="stroke"`;
export const COLORS = ["#2f855a", "#718096", "#2b6cb0", "#c05621", "#6b46c1", "#b7791f"];
export const FAIL_COLOR = "#c53030";

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** Numbers as a person writes them: no trailing noise, 2 significant digits below 1. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value !== 0 && Math.abs(value) < 1) return String(Number(value.toPrecision(2)));
  return String(Math.round(value * 10) / 10);
}

/** A round axis end at least `value` whose quarters are round too (60 → 60, 620 → 800, 147 → 160). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10]
    .map((step) => Number((step * power).toPrecision(12)))
    .find((candidate) => candidate >= value)!;
}

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12" fill="${INK}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

function heading(title: string, note: string | undefined): string[] {
  return [
    text(16, 24, title, `font-size="15" font-weight="600"`),
    ...(note ? [text(16, 42, note, `fill="${MUTED}"`)] : []),
  ];
}

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar; default: the formatted value. */
  text?: string;
  color?: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

export interface Marker {
  value: number;
  label: string;
  color?: string;
}

export interface BarChartOptions {
  title: string;
  note?: string;
  groups: BarGroup[];
  /** "shared": one axis for all groups (markers allowed); "per-group": each group scaled to its own largest bar. */
  scale?: "shared" | "per-group";
  /** Axis end for a shared scale; default: a round number above the largest value and marker. */
  max?: number;
  markers?: Marker[];
  width?: number;
}

/** Horizontal bars, grouped: a bold group label, then one labelled bar per line. */
export function barChart({
  title,
  note,
  groups,
  scale = "shared",
  max,
  markers = [],
  width = 760,
}: BarChartOptions): string {
  const barHeight = 16;
  const lineHeight = 22;
  const labelWidth = 190;
  const left = 16 + labelWidth;
  const plotWidth = width - left - 110;
  const top = (note ? 52 : 36) + (markers.length > 0 ? 14 * markers.length : 0) + 8;
  // A missing figure (NaN, null from JSON) draws as an empty bar labelled "—", never as NaN in the file.
  const valueOf = (bar: Bar) => (Number.isFinite(bar.value) ? Math.max(0, bar.value) : 0);
  const sharedMax =
    max ??
    niceCeiling(Math.max(...groups.flatMap((g) => g.bars.map(valueOf)), ...markers.map((m) => m.value), 0));
  const body = heading(title, note);
  let y = top;
  groups.forEach((group) => {
    const groupMax = scale === "shared" ? sharedMax : Math.max(...group.bars.map(valueOf), Number.MIN_VALUE);
    body.push(text(16, y + 12, group.label, `font-weight="600"`));
    y += lineHeight;
    group.bars.forEach((bar, index) => {
      const length = Math.max(1, (valueOf(bar) / groupMax) * plotWidth);
      const color = bar.color ?? COLORS[index % COLORS.length];
      body.push(text(24, y + 12, bar.label, `fill="${MUTED}"`));
      body.push(
        `<rect x="${left}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" rx="2" fill="${color}"/>`,
      );
      body.push(text(left + length + 6, y + 12, bar.text ?? formatNumber(bar.value), HALO));
      y += lineHeight;
    });
    y += 8;
  });
  const bottom = y;
  if (scale === "shared") {
    // Ticks at quarters of the axis. Grid and marker lines go to the front of the list so they are
    // drawn behind the bars; texts get a white halo so a line crossing them leaves them readable.
    for (let i = 0; i <= 4; i++) {
      const x = left + (plotWidth * i) / 4;
      body.unshift(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="${GRID}"/>`);
      body.push(
        text(
          x,
          bottom + 14,
          formatNumber((sharedMax * i) / 4),
          `text-anchor="middle" fill="${MUTED}" font-size="11"`,
        ),
      );
    }
    markers.forEach((marker, index) => {
      const x = left + (marker.value / sharedMax) * plotWidth;
      const color = marker.color ?? FAIL_COLOR;
      const labelY = top - 8 - 14 * (markers.length - 1 - index);
      body.unshift(
        `<line x1="${x.toFixed(1)}" y1="${labelY + 3}" x2="${x.toFixed(1)}" y2="${bottom}" stroke="${color}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      );
      body.push(
        text(x - 4, labelY, marker.label, `text-anchor="end" fill="${color}" font-size="11" ${HALO}`),
      );
    });
  }
  return svgDocument(width, bottom + (scale === "shared" ? 26 : 8), title, body);
}

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  /** A reference line (a limit, a starting value): dashed, no dots. */
  reference?: boolean;
}

export interface LineChartOptions {
  title: string;
  note?: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** Start the y axis at 0 (default) or near the lowest value. */
  yFromZero?: boolean;
  width?: number;
  height?: number;
}

/** Lines with a dot at each point, round axes and a legend under the plot. */
export function lineChart({
  title,
  note,
  series: given,
  xLabel,
  yLabel,
  yFromZero = true,
  width = 760,
  height = 340,
}: LineChartOptions): string {
  const series = given.map((s) => ({
    ...s,
    points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  }));
  const left = 64;
  const right = width - 24;
  const top = note ? 60 : 44;
  const legendRows = Math.ceil(series.length / 3);
  const bottom = height - 44 - 18 * legendRows;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = niceCeiling(Math.max(...xs, 1));
  const yMax = niceCeiling(Math.max(...ys, 1));
  const yMin = yFromZero ? 0 : Math.max(0, Math.floor(Math.min(...ys, yMax) / (yMax / 10)) * (yMax / 10));
  const toX = (x: number) => left + (x / xMax) * (right - left);
  const toY = (y: number) => bottom - ((y - yMin) / (yMax - yMin || 1)) * (bottom - top);
  const body = heading(title, note);
  for (let i = 0; i <= 4; i++) {
    const yValue = yMin + ((yMax - yMin) * i) / 4;
    const y = toY(yValue);
    body.push(
      `<line x1="${left}" y1="${y.toFixed(1)}" x2="${right}" y2="${y.toFixed(1)}" stroke="${GRID}"/>`,
    );
    body.push(
      text(left - 6, y + 4, formatNumber(yValue), `text-anchor="end" fill="${MUTED}" font-size="11"`),
    );
    const x = toX((xMax * i) / 4);
    body.push(
      text(
        x,
        bottom + 16,
        formatNumber((xMax * i) / 4),
        `text-anchor="middle" fill="${MUTED}" font-size="11"`,
      ),
    );
  }
  body.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${MUTED}"/>`);
  body.push(text((left + right) / 2, bottom + 32, xLabel, `text-anchor="middle" fill="${MUTED}"`));
  body.push(
    text(
      16,
      (top + bottom) / 2,
      yLabel,
      `text-anchor="middle" fill="${MUTED}" transform="rotate(-90 16 ${(top + bottom) / 2})"`,
    ),
  );
  series.forEach((s, index) => {
    const color = s.color ?? COLORS[index % COLORS.length];
    const points = s.points.map(([x, y]) => `${toX(x).toFixed(1)},${toY(y).toFixed(1)}`);
    const dash = s.reference ? ` stroke-dasharray="6 4"` : "";
    if (points.length > 1)
      body.push(
        `<polyline points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
      );
    for (const point of s.reference ? [] : points) {
      const [cx, cy] = point.split(",");
      body.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
    }
    const legendX = left + (index % 3) * ((right - left) / 3);
    const legendY = bottom + 52 + 18 * Math.floor(index / 3);
    body.push(`<rect x="${legendX}" y="${legendY - 9}" width="12" height="12" fill="${color}"/>`);
    body.push(text(legendX + 18, legendY + 1, s.name));
  });
  return svgDocument(width, height, title, body);
}
