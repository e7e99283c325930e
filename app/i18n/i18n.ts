import { bundledCatalogues } from "./bundled-catalogues";
import type { MessageKey } from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export type { MessageKey };

/**
 * The messages this process has. The server has both whole catalogues. A browser starts with the
 * namespaces its first page rendered (embedded in the page) and adds its language's whole
 * catalogue at the first interaction (page-messages.tsx) — see docs/decisions/019.
 */
const catalogues: Record<Locale, Record<string, string>> = {
  zh: { ...bundledCatalogues.zh },
  en: { ...bundledCatalogues.en },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && (value in catalogues.zh || value in catalogues.en);
}

/** A key's namespace: what comes before its first dot ("needs" for "needs.status.OPEN"). */
export function namespaceOf(key: string): string {
  const dot = key.indexOf(".");
  return dot === -1 ? key : key.slice(0, dot);
}

/**
 * Every message of the given namespaces in one language, as the members of a JSON object (what a
 * page embeds for the browser). Each namespace is serialised once per process, not per page.
 */
export function messagesOfNamespacesJson(locale: Locale, namespaces: Iterable<string>): string {
  const serialised = (byNamespace[locale] ??= serialiseByNamespace(catalogues[locale]));
  const parts: string[] = [];
  for (const namespace of namespaces) {
    const part = serialised.get(namespace);
    if (part) parts.push(part);
  }
  return `{${parts.join(",")}}`;
}

const byNamespace: Partial<Record<Locale, Map<string, string>>> = {};

function serialiseByNamespace(catalogue: Record<string, string>): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const [key, text] of Object.entries(catalogue)) {
    const namespace = namespaceOf(key);
    if (!grouped.has(namespace)) grouped.set(namespace, []);
    grouped.get(namespace)!.push(`${JSON.stringify(key)}:${JSON.stringify(text)}`);
  }
  return new Map([...grouped].map(([namespace, members]) => [namespace, members.join(",")]));
}

type Hooks = {
  /** Told of every key translated (the server records which namespaces a page rendered). */
  used?: (key: string) => void;
  /**
   * Told of a key this process does not have (the browser then fetches its catalogue); answers
   * whether the key may still arrive (true while the catalogue is on its way).
   */
  missing?: (locale: Locale, key: string) => boolean;
};
const hooks: Hooks = {};

export function setTranslationHooks(next: Hooks): void {
  Object.assign(hooks, next);
}

export function addMessages(locale: Locale, messages: Record<string, string>): void {
  Object.assign(catalogues[locale], messages);
  delete byNamespace[locale];
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  hooks.used?.(key);
  const template = catalogues[locale][key] ?? catalogues.zh[key];
  if (template === undefined) {
    // Only in a browser whose catalogue is still on its way: blank rather than a raw key, and
    // useT re-renders once it has arrived.
    return hooks.missing?.(locale, key) ? "" : key;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Translates a message key that arrived as data (e.g. a zod issue); unknown text is shown as is. */
export function translateMaybe(locale: Locale, keyOrText: string, params?: Params): string {
  if (isMessageKey(keyOrText)) return translate(locale, keyOrText, params);
  // Shaped like a key the browser has not got yet: blank until its catalogue arrives.
  if (KEY_SHAPE.test(keyOrText) && hooks.missing?.(locale, keyOrText)) return "";
  return keyOrText;
}

const KEY_SHAPE = /^[a-z][A-Za-z]*(\.[\w-]+)+$/;

export function intlTag(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en-GB";
}
