import { useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { DEFAULT_LOCALE, translate, translateMaybe, type Locale, type MessageKey, type Params } from "./i18n";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translator for the current page's language. */
export function useT() {
  const locale = useLocale();
  const t = useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
  const tMaybe = useCallback((keyOrText: string, params?: Params) => translateMaybe(locale, keyOrText, params), [locale]);
  return { t, tMaybe, locale };
}
