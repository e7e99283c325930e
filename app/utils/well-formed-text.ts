/**
 * PostgreSQL refuses a NUL character in text ("invalid byte sequence for encoding UTF8"), and a
 * lone UTF-16 surrogate has no UTF-8 form at all; either one in a form field, a JSON body, a URL
 * parameter or a socket message would turn into a 500. No person types them, so the database
 * client removes NUL and replaces a lone surrogate with U+FFFD in every value it sends.
 */
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormedText(text: string): string {
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** `value` with every string in it (plain objects and arrays, to any depth) made well-formed. */
export function wellFormedValues<T>(value: T): T {
  if (typeof value === "string") return wellFormedText(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedValues) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wellFormedValues(item)])) as T;
  }
  return value;
}
