import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { PULSE_TTL_MS, homeMapSvg } from "~/modules/dashboard/pulse.server";

/** ?lang=zh|en names the language, so the image is the same for everyone asking that URL. */
const MapQuery = z.object({ lang: z.enum(LOCALES).optional().catch(undefined) });

/**
 * /pulse-map.svg — the home page's county map as an image of its own, so the page stays light on
 * a phone: the browser fetches it lazily and keeps it for the pulse's minute.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { lang } = MapQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = lang ?? (await getLocale(request));
  return new Response(await homeMapSvg(locale), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": `public, max-age=${PULSE_TTL_MS / 1000}`,
      ...(lang ? {} : { Vary: "Cookie, Accept-Language" }),
      // An SVG opened on its own is a document: it runs nothing and loads nothing.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
