import { translate } from "~/i18n/i18n";
import { countyName } from "~/modules/reference/reference";
import { luoyangDateTime } from "~/utils/dates";
import type { RollUp } from "./rollup.server";
import type { ReturnView } from "./reports.server";
import { CITY_SCOPE } from "./reports.server";
import { FIGURE_KEYS } from "./reports-figures.server";

/**
 * A return as an Excel workbook in one stable layout, whatever the reader's language: three sheets
 * with fixed names, fixed rows in a fixed order, each label in Chinese (column A) with its English
 * (column B) and the value in column C. Money is in yuan with two decimals. The layout is checked
 * cell by cell in tests/integration/reports-returns.test.ts; a change there is a change for every
 * office that reads these files, so give it a new snapshot version.
 */
const both = (key: Parameters<typeof translate>[1]) => [translate("zh", key), translate("en", key)];

export async function returnXlsx(view: ReturnView): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded with the first workbook, not at start: ~17 MiB resident (docs/decisions/043).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "XiangKe";
  const scopeZh =
    view.scope === CITY_SCOPE ? translate("zh", "reports.scope.CITY") : countyName(view.scope, "zh");
  const scopeEn =
    view.scope === CITY_SCOPE ? translate("en", "reports.scope.CITY") : countyName(view.scope, "en");

  const cover = workbook.addWorksheet(translate("zh", "reports.sheet.cover"));
  cover.addRows([
    [...both("reports.periodKind"), both(`reports.kind.${view.period.kind}`).join(" ")],
    [...both("reports.periodKey"), view.period.key],
    [...both("reports.leverage.county"), view.scope, `${scopeZh ?? ""} ${scopeEn ?? ""}`.trim()],
    [...both(`reports.status.${view.status}`), view.submittedAt ? luoyangDateTime(view.submittedAt) : ""],
    ["起止 From–to", "From–to", view.period.firstDay, view.period.lastDay],
    ["快照版本 Snapshot version", "Snapshot version", view.snapshot.schemaVersion],
    [...both("reports.return.narrative"), view.narrative],
    [...both("reports.return.notes"), view.notes],
  ]);

  const figures = workbook.addWorksheet(translate("zh", "reports.sheet.figures"));
  figures.addRow(["指标", "Figure", "数值 Value"]).font = { bold: true };
  for (const key of FIGURE_KEYS) {
    const value = view.snapshot.figures[key];
    const row = figures.addRow([
      ...both(`reports.figure.${key}`),
      value == null ? null : key.endsWith("Fen") ? value / 100 : value,
    ]);
    if (key.endsWith("Fen")) row.getCell(3).numFmt = "0.00";
  }

  const leverage = workbook.addWorksheet(translate("zh", "reports.sheet.leverage"));
  leverage.addRow([
    "项目 Project",
    "专项 Programme",
    "县 County",
    "财政资金 Public (yuan)",
    "带动资金 Matched (yuan)",
    "杠杆率 Ratio",
  ]).font = {
    bold: true,
  };
  const { total, byProject } = view.snapshot.leverage;
  for (const line of [...byProject, { title: "合计 Total", programmeTitle: "", countyCode: "", ...total }]) {
    const row = leverage.addRow([
      line.title,
      line.programmeTitle,
      line.countyCode,
      line.publicFen / 100,
      line.matchedFen / 100,
      line.ratio,
    ]);
    row.getCell(4).numFmt = "0.00";
    row.getCell(5).numFmt = "0.00";
  }
  for (const sheet of [cover, figures, leverage]) {
    sheet.columns.forEach((column) => {
      column.width = 28;
    });
  }
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

export function returnAttachment(view: ReturnView): string {
  const name = `xiangke-return-${view.period.kind.toLowerCase()}-${view.period.key}-${view.scope}.xlsx`;
  return `attachment; filename="${name}"`;
}

/**
 * The roll-up of a period as one sheet in both languages: a row per figure (Chinese label, English
 * label, the total of the submitted returns, then each county), under two rows naming each county
 * and its return's state. A county that has not submitted shows empty cells, never zeros.
 */
export async function rollUpXlsx(view: RollUp): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded with the first workbook, not at start: ~17 MiB resident (docs/decisions/043).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "XiangKe";
  const sheet = workbook.addWorksheet(translate("zh", "reports.sheet.rollup"));
  sheet.addRow([
    "指标",
    "Figure",
    both("reports.rollup.total").join(" "),
    ...view.counties.map(
      (county) => `${countyName(county.countyCode, "zh")} ${countyName(county.countyCode, "en")}`,
    ),
  ]).font = { bold: true };
  sheet.addRow([
    ...both("reports.rollup.state"),
    `${view.submittedCount}/${view.counties.length}`,
    ...view.counties.map((county) =>
      [
        translate("zh", `reports.rollup.state.${county.state}`),
        county.late ? translate("zh", "reports.rollup.late") : "",
        county.submittedAt ? luoyangDateTime(county.submittedAt) : "",
      ]
        .filter(Boolean)
        .join(" "),
    ),
  ]);
  for (const key of FIGURE_KEYS) {
    const cell = (value: number | null | undefined) =>
      value == null ? null : key.endsWith("Fen") ? value / 100 : value;
    const row = sheet.addRow([
      ...both(`reports.figure.${key}`),
      cell(view.total[key]),
      ...view.counties.map((county) => (county.figures ? cell(county.figures[key]) : null)),
    ]);
    if (key.endsWith("Fen")) row.eachCell((c, column) => column >= 3 && (c.numFmt = "0.00"));
  }
  sheet.columns.forEach((column, index) => {
    column.width = index < 2 ? 30 : 16;
  });
  sheet.views = [{ state: "frozen", xSplit: 2, ySplit: 2 }];
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

export function rollUpAttachment(view: RollUp): string {
  return `attachment; filename="xiangke-rollup-${view.period.kind.toLowerCase()}-${view.period.key}.xlsx"`;
}
