/** The most a single amount may be on the platform: 100 million yuan. */
export const MAX_FEN = 100_000_000 * 100;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D]/g;
const GROUP_SPACE = /[\s\u00A0\u2009\u202F\u3000]/g;
const PLAIN = /^\d+(?:\.\d+)?$/;
const DOT_THOUSANDS = /^[1-9]\d{0,2}\.\d{3}$/;
// Thousands groups of exactly three digits, all with the same separator (a comma or a space).
const GROUPED = /^\d{1,3}(?:(,)\d{3})+(?:\.\d+)?$|^\d{1,3}(?: \d{3})+(?:\.\d+)?$/;

/** What people may type for an amount, in every money field; the message shows the form. */
export const AMOUNT_FORMAT_MESSAGE = "errors.amount_format";

/**
 * The one reading of an amount as typed, shared by every money field: full-width digits become
 * ASCII, "¥" and a leading minus are allowed, the dot is the only decimal mark, and a comma or a
 * space may only group thousands in threes ("1,500.50", "1 500"). Anything a person could have
 * meant two ways — "1,5" (1.5 or 15?), "1,50", "1.500" (1.5 or 1500?), "1.500,50" — is refused rather than guessed.
 * Returns the plain digits ("-1500.50") or null.
 */
export function normaliseAmountText(raw: string): string | null {
  let text = raw
    .replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(GROUP_SPACE, " ")
    .trim()
    .replace(/^[¥￥]\s*/, "");
  const negative = /^[-−]/.test(text);
  if (negative) text = text.slice(1).trim();
  if (!PLAIN.test(text) && !GROUPED.test(text)) return null;
  // "1.500" is 1.5 yuan to some and 1,500 to others (a dot grouping thousands): refused too.
  if (DOT_THOUSANDS.test(text)) return null;
  return `${negative ? "-" : ""}${text.replace(/[, ]/g, "")}`;
}

const AMOUNT_LIKE = /^[\d\s,.，．\uFF10-\uFF19¥￥+\-−]+$/;

/**
 * The message for an amount that does not read: the accepted form when it is digits and marks in
 * a shape that could mean two amounts ("1,5", "1.500"), `otherwise` for anything else.
 */
export function amountProblem<K extends string>(raw: string, otherwise: K): K | typeof AMOUNT_FORMAT_MESSAGE {
  return AMOUNT_LIKE.test(raw.trim()) && normaliseAmountText(raw) === null
    ? AMOUNT_FORMAT_MESSAGE
    : otherwise;
}

/**
 * Reads an amount of yuan as people type it ("12,345.6", "1 000", "0.05") into integer fen,
 * without floating-point arithmetic. Returns null for anything else, including a third decimal.
 */
export function parseYuanToFen(raw: string): number | null {
  const text = normaliseAmountText(raw);
  if (text === null) return null;
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
