/** The most a single amount may be on the platform: 100 million yuan. */
export const MAX_FEN = 100_000_000 * 100;

/**
 * Reads an amount of yuan as people type it ("12,345.6", "1 000", "0.05") into integer fen,
 * without floating-point arithmetic. Returns null for anything else, including a third decimal.
 */
export function parseYuanToFen(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/[,\s，]/g, "")
    .replace(/^[¥￥]/, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return fen <= MAX_FEN ? fen : null;
}

/** Integer fen back to the plain yuan text a form field shows ("1234.5" → "1234.50"). */
export function fenToYuanText(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, "0")}`;
}

/** Integer fen as yuan with two decimals and no grouping (for CSV: a spreadsheet reads it as a number). */
export function fenToYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
