import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import { toCsv } from "~/utils/csv";
import type { DashboardFigures } from "./dashboard.server";
import type { LinkageFigures } from "~/modules/linkage/linkage.figures.server";
import { MECHANISMS } from "~/modules/linkage/linkage.schema";
import { PLAN_TARGETS } from "./plan-targets";

/** A cell of an exported table: text, a count, hours, or money kept in fen until the file is written. */
export type ExportCell = string | number | null | { fen: number };

export interface ExportTable {
  sheet: string;
  header: string[];
  rows: ExportCell[][];
  /** Help text for a heading, by column index: a note on the heading cell in Excel. */
  notes?: Record<number, string>;
}

const money = (fen: number): ExportCell => ({ fen });

/**
 * The dashboard's tables (targets, years, counties, industries, financing, linkage, then any extra
 * tables the caller adds, such as the plan's people) in the viewer's language.
 */
export function dashboardTables(
  figures: DashboardFigures,
  locale: Locale,
  extra: ExportTable[] = [],
): ExportTable[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const yuan = (key: MessageKey) => t("dashboard.money.yuan", { label: t(key) });
  const nameOf = (list: readonly { code: string; nameZh: string; nameEn: string }[], code: string) =>
    localName(
      list.find((item) => item.code === code)!,
      locale,
    );
  return [
    {
      sheet: t("dashboard.sheet.targets"),
      header: [
        t("dashboard.col.year"),
        t("dashboard.col.target"),
        t("dashboard.col.range"),
        t("dashboard.col.actual"),
        t("dashboard.col.status"),
      ],
      rows: figures.targets.map((row) => {
        const target = PLAN_TARGETS.find((item) => item.metric === row.metric)!;
        return [
          row.year,
          t(target.wording),
          t("dashboard.range", { min: row.min, max: row.max }),
          row.actual,
          t(row.met ? "dashboard.status.met" : "dashboard.status.notYet"),
        ];
      }),
    },
    {
      sheet: t("dashboard.sheet.years"),
      header: [
        t("dashboard.col.year"),
        t("dashboard.col.spacesTotal"),
        t("dashboard.col.spacesNew"),
        t("dashboard.col.demosTotal"),
        t("dashboard.col.demosNew"),
        t("dashboard.col.commissioners"),
        t("dashboard.col.needsPosted"),
        t("dashboard.col.needsMatched"),
        t("dashboard.col.medianHours"),
        yuan("dashboard.col.funded"),
        yuan("dashboard.col.released"),
        yuan("dashboard.col.disbursed"),
      ],
      notes: { 8: t("dashboard.firstResponse.help") },
      rows: figures.years.map((row) => [
        row.year,
        row.spacesTotal,
        row.spacesNew,
        row.demosTotal,
        row.demosNew,
        row.commissioners,
        row.needsPosted,
        row.needsMatched,
        row.medianHours,
        money(row.fundedFen),
        money(row.releasedFen),
        money(row.disbursedFen),
      ]),
    },
    {
      sheet: t("dashboard.sheet.counties"),
      header: [
        t("dashboard.col.county"),
        t("dashboard.col.spaces"),
        t("dashboard.col.demos"),
        t("dashboard.col.commissioners"),
        t("dashboard.col.needsPosted"),
        t("dashboard.col.needsMatched"),
        t("dashboard.col.medianHours"),
        yuan("dashboard.col.released"),
        yuan("dashboard.col.disbursed"),
        yuan("dashboard.col.escrow"),
      ],
      notes: { 6: t("dashboard.firstResponse.help") },
      rows: figures.counties.map((row) => [
        nameOf(COUNTIES, row.countyCode),
        row.spaces,
        row.demos,
        row.commissioners,
        row.needsPosted,
        row.needsMatched,
        row.medianHours,
        money(row.releasedFen),
        money(row.disbursedFen),
        money(row.escrowFen),
      ]),
    },
    {
      sheet: t("dashboard.sheet.industries"),
      header: [
        t("dashboard.col.industry"),
        t("dashboard.col.needsPosted"),
        t("dashboard.col.needsMatched"),
        yuan("dashboard.col.released"),
        yuan("dashboard.col.disbursed"),
      ],
      rows: figures.industries.map((row) => [
        nameOf(INDUSTRIES, row.industry),
        row.needsPosted,
        row.needsMatched,
        money(row.releasedFen),
        money(row.disbursedFen),
      ]),
    },
    // financing (issue 23)
    {
      sheet: t("dashboard.financing.title"),
      header: [t("dashboard.financing.title"), t("dashboard.col.actual")],
      rows: [
        [t("reports.figure.financingNeedsPosted"), figures.financing.financingNeedsPosted],
        [t("reports.figure.financingMobilisedFen"), money(figures.financing.financingMobilisedFen)],
        [t("reports.figure.financingLoanFen"), money(figures.financing.financingLoanFen)],
        [t("reports.figure.financingGuaranteeFen"), money(figures.financing.financingGuaranteeFen)],
        [t("reports.figure.financingEquityFen"), money(figures.financing.financingEquityFen)],
      ],
    },
    // Benefit linkage (issue 23): per year, then per county, on one sheet.
    {
      sheet: t("dashboard.sheet.linkage"),
      header: [
        `${t("dashboard.col.year")} / ${t("dashboard.col.county")}`,
        t("dashboard.linkage.households"),
        t("dashboard.money.yuan", { label: t("dashboard.linkage.money") }),
        ...MECHANISMS.map((m) => t("dashboard.money.yuan", { label: t(`linkage.mechanism.${m}`) })),
      ],
      rows: [
        ...figures.linkage.years.map((row) => [row.year, ...linkageCells(row)]),
        ...figures.linkage.counties.map((row) => [nameOf(COUNTIES, row.countyCode), ...linkageCells(row)]),
      ],
    },
    ...extra,
  ];
}

function linkageCells(row: LinkageFigures): ExportCell[] {
  return [
    row.householdsReached,
    money(row.moneyToHouseholdsFen),
    ...MECHANISMS.map((m) => money(row.byMechanism[m])),
  ];
}

/**
 * Content-Disposition for a download: an ASCII name for old clients and the translated UTF-8 name
 * for the rest (RFC 6266), e.g. `dashboardAttachment("zh", "xlsx")`.
 */
export function dashboardAttachment(locale: Locale, extension: "csv" | "xlsx"): string {
  const name = `${translate(locale, "dashboard.fileName")}.${extension}`;
  return `attachment; filename="xiangke-dashboard.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** "12345" fen → "123.45", with integer arithmetic only. */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function cellText(cell: ExportCell): string {
  if (cell === null) return "";
  if (typeof cell === "object") return yuanText(cell.fen);
  return String(cell);
}

/** One CSV file: each table under its sheet name, separated by an empty line. */
export function dashboardCsv(figures: DashboardFigures, locale: Locale, extra: ExportTable[] = []): string {
  const rows = dashboardTables(figures, locale, extra).flatMap((table, index) => [
    ...(index > 0 ? [[]] : []),
    [table.sheet],
    table.header,
    ...table.rows.map((row) => row.map(cellText)),
  ]);
  return toCsv(rows);
}

/** An Excel workbook, one sheet per table: bold header row, money in yuan with two decimals. */
export async function dashboardXlsx(
  figures: DashboardFigures,
  locale: Locale,
  extra: ExportTable[] = [],
): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded with the first workbook, not at start: ~17 MiB resident (docs/decisions/043).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "XiangKe";
  for (const table of dashboardTables(figures, locale, extra)) {
    const sheet = workbook.addWorksheet(table.sheet);
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    for (const [column, note] of Object.entries(table.notes ?? {}))
      header.getCell(Number(column) + 1).note = note;
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => (cell !== null && typeof cell === "object" ? cell.fen / 100 : cell)),
      );
      row.forEach((cell, index) => {
        if (cell !== null && typeof cell === "object") added.getCell(index + 1).numFmt = "0.00";
      });
    }
    sheet.columns.forEach((column, index) => {
      column.width = Math.max(10, Math.min(40, (table.header[index]?.length ?? 8) * 2));
    });
  }
  // A copy into a plain ArrayBuffer, which a Response body accepts.
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
