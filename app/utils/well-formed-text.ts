/**
 * PostgreSQL refuses a NUL character in text ("invalid byte sequence for encoding UTF8"), and a
 * lone UTF-16 surrogate has no UTF-8 form at all; either one in a form field, a JSON body, a URL
 * parameter or a socket message would turn into a 500. No person types them, so the database
 * client removes NUL and replaces a lone surrogate with U+FFFD in every value it sends.
 */
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// One scan that almost every string passes (no NUL, no surrogate at all), before the two above.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

export function wellFormedText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * `value` with every string in it (plain objects and arrays, to any depth) made well-formed. Every
 * database call passes through here, so a value with nothing to change is returned as it is,
 * without copying.
 */
export function wellFormedValues<T>(value: T): T {
  if (typeof value === "string") return wellFormedText(value) as T;
  if (Array.isArray(value)) {
    const items = value.map(wellFormedValues);
    return (items.some((item, index) => item !== value[index]) ? items : value) as T;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    const cleaned = entries.map(([key, item]) => [key, wellFormedValues(item)] as const);
    const changed = cleaned.some(([, item], index) => item !== entries[index]![1]);
    return (changed ? Object.fromEntries(cleaned) : value) as T;
  }
  return value;
}
