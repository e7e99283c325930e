import { translate, type Locale, type MessageKey } from "~/i18n/i18n";

/** A page's document title: the page's own words, then the product's name; "XiangKe" without data. */
export function documentTitle(data: { locale: Locale } | undefined, key: MessageKey) {
  return {
    title: data ? `${translate(data.locale, key)} · ${translate(data.locale, "app.name")}` : "XiangKe",
  };
}

/** The whole `meta` of a page whose loader returns its locale and which has only a title. */
export function titleMeta(key: MessageKey) {
  return ({ data }: { data?: { locale: Locale } }) => [documentTitle(data, key)];
}

/** A page's description for search engines and link previews; empty without data. */
export function descriptionMeta(data: { locale: Locale } | undefined, key: MessageKey) {
  return { name: "description", content: data ? translate(data.locale, key) : "" };
}
