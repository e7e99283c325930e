/**
 * Plain helpers for the statement export: a spreadsheet opens the file as UTF-8 because of the
 * byte-order mark, and no cell can be read as a formula (CSV injection).
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026-03-01 09:05:00" in Luoyang's time. China keeps UTC+8 all year (no daylight saving). */
export function shanghaiDateTime(value: Date | string): string {
  return new Date(new Date(value).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Integer fen as yuan with two decimals and no grouping, so a spreadsheet reads it as a number. */
export function fenToYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell. Text starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe so Excel and WPS show it as text instead of running it; a plain number such as
 * "-12.50" is left alone because it cannot be a formula. Quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const CSV_BOM = "\uFEFF";

/** Rows to a CSV document (RFC 4180 line ends), starting with the byte-order mark. */
export function toCsv(rows: string[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
