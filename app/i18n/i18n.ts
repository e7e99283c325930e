import { en } from "./en";
import { zh, type MessageKey } from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in zh;
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? zh[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Translates a message key that arrived as data (e.g. a zod issue); unknown text is shown as is. */
export function translateMaybe(locale: Locale, keyOrText: string, params?: Params): string {
  return isMessageKey(keyOrText) ? translate(locale, keyOrText, params) : keyOrText;
}

export function intlTag(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en-GB";
}
