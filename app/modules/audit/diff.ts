/** One key whose value differs between an audit row's before and after (undefined = absent). */
export interface ChangedKey {
  /** The top-level key; "" when before/after are not both objects and are compared whole. */
  key: string;
  before: unknown;
  after: unknown;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality for JSON values; key order in objects does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return false;
}

/**
 * The keys an audited change touched: top-level keys of before and after whose values differ,
 * in before's key order then after's new keys. A missing side (null, e.g. a creation) counts as
 * an empty object, so every key of the other side is listed. Anything else that is not an object
 * on both sides is compared whole under the key "".
 */
export function diffKeys(before: unknown, after: unknown): ChangedKey[] {
  const left = before ?? {};
  const right = after ?? {};
  if (!isObject(left) || !isObject(right)) {
    return sameJson(left, right) ? [] : [{ key: "", before: before ?? undefined, after: after ?? undefined }];
  }
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys
    .filter((key) => !sameJson(left[key], right[key]))
    .map((key) => ({ key, before: left[key], after: right[key] }));
}

/** Compact JSON for display and export; an absent value (undefined) is "". */
export function compactJson(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value);
}
