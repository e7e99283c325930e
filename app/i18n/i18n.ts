import { bundledCatalogues } from "./bundled-catalogues";
import type { MessageKey } from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export type { MessageKey };

/**
 * The messages this process has. The server has both whole catalogues. A browser starts with the
 * messages its first page rendered (embedded in the page) and adds its language's whole
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
 * The messages a page embeds for the browser, in one language, as a JSON object: each key asked
 * for, and every key of each namespace asked for (an entry with no dot, such as "chat").
 */
export function embeddedMessagesJson(locale: Locale, keysAndNamespaces: Iterable<string>): string {
  const catalogue = catalogues[locale];
  const keys = new Set<string>();
  for (const entry of keysAndNamespaces) {
    if (entry.includes(".")) keys.add(entry);
    else for (const key of keysOfNamespace(entry)) keys.add(key);
  }
  const members: string[] = [];
  for (const key of keys) {
    const text = catalogue[key];
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${JSON.stringify(text)}`);
  }
  return `{${members.join(",")}}`;
}

let namespaces: Map<string, string[]> | null = null;

/** The keys of one namespace (Chinese defines every key), grouped once per process. */
function keysOfNamespace(namespace: string): string[] {
  if (!namespaces) {
    namespaces = new Map();
    for (const key of Object.keys(catalogues.zh)) {
      const group = namespaces.get(namespaceOf(key)) ?? [];
      group.push(key);
      namespaces.set(namespaceOf(key), group);
    }
  }
  return namespaces.get(namespace) ?? [];
}

type Hooks = {
  /** Told of every key translated (the server records which keys a page rendered). */
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
