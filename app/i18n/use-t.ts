import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, translate, translateMaybe, type Locale, type MessageKey, type Params } from "./i18n";
import { useCatalogueVersion } from "./page-messages";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

type Translator = {
  t: (key: MessageKey, params?: Params) => string;
  tMaybe: (keyOrText: string, params?: Params) => string;
};
const translators = new Map<string, Translator>();

/**
 * One translator per language and catalogue version: a catalogue that arrives late bumps the
 * version, so components that rendered blanks get a new function and render again.
 */
function translatorFor(locale: Locale, version: number): Translator {
  const key = `${locale}:${version}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = {
      t: (messageKey, params) => translate(locale, messageKey, params),
      tMaybe: (keyOrText, params) => translateMaybe(locale, keyOrText, params),
    };
    translators.set(key, translator);
  }
  return translator;
}

/** The translator for the current page's language. */
export function useT() {
  const locale = useLocale();
  const { t, tMaybe } = translatorFor(locale, useCatalogueVersion());
  return { t, tMaybe, locale };
}
