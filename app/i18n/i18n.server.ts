import { createCookie } from "@remix-run/node";
import { secureCookies } from "~/utils/cookie-security.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";

const localeCookie = createCookie("xk_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/** The language the person chose (cookie); else the browser's first preference; else Chinese. */
export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get("cookie"));
  if (isLocale(chosen)) return chosen;
  const preferred = request.headers.get("accept-language")?.split(",")[0]?.trim().toLowerCase() ?? "";
  if (preferred.startsWith("en")) return "en";
  return DEFAULT_LOCALE;
}

export function serializeLocale(locale: Locale): Promise<string> {
  return localeCookie.serialize(locale, { secure: secureCookies() });
}
