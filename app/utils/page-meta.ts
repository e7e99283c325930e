import { translate, type Locale, type MessageKey } from "~/i18n/i18n";

/**
 * The `meta` of a page whose loader returns its locale: the page's title and the site's name, in
 * that language ("XiangKe" alone when the loader failed).
 */
export function titleMeta(key: MessageKey) {
  return ({ data }: { data?: { locale: Locale } }) => [
    { title: data ? `${translate(data.locale, key)} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  ];
}
