import { useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { DEFAULT_LOCALE, translate, translateMaybe, type Locale, type MessageKey, type Params } from "./i18n";
import { useCatalogueVersion } from "./page-messages";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translator for the current page's language. */
export function useT() {
  const locale = useLocale();
  // A new translator when a catalogue arrives late, so components that rendered blanks render again.
  const version = useCatalogueVersion();
  const t = useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale, version]);
  const tMaybe = useCallback((keyOrText: string, params?: Params) => translateMaybe(locale, keyOrText, params), [locale, version]);
  return { t, tMaybe, locale };
}
