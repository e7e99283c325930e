/**
 * CSV exports (statements, the audit log): a spreadsheet opens the file as UTF-8 because of the
 * byte-order mark, and no cell can be read as a formula (CSV injection).
 */
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
