import type { NextFunction, Request, RequestHandler, Response } from "express";
import pg from "pg";
import { translate, type Locale } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";

export interface DatabaseMonitor {
  /** Whether the database answered recently; probes again when the last answer is older than freshMs. */
  isUp: () => Promise<boolean>;
  /** Probes now (the health check must not answer from a cache). */
  probe: () => Promise<boolean>;
}

/**
 * Watches the database with a cheap query, at most once per `freshMs` however many requests ask;
 * concurrent callers share one probe. When the database comes back the pool simply opens new
 * connections, so the app recovers without a restart. A stopped database fails the probe at once
 * (its connection closes, a new one is refused); the timeout is for one that hangs, and is long
 * because under heavy load a busy event loop also delays the answer of a healthy one.
 */
export function createDatabaseMonitor(
  query: () => Promise<unknown>,
  { freshMs = 1000, timeoutMs = 10_000 } = {},
): DatabaseMonitor {
  let up = true;
  let checkedAt = 0;
  let pending: Promise<boolean> | undefined;
  const probe = () => {
    pending ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("database probe timed out")), timeoutMs);
        });
        await Promise.race([query(), timeout]);
        up = true;
      } catch {
        up = false;
      } finally {
        clearTimeout(timer);
        checkedAt = Date.now();
        pending = undefined;
      }
      return up;
    })();
    return pending;
  };
  return { probe, isUp: async () => (Date.now() - checkedAt < freshMs ? up : probe()) };
}

/**
 * The monitor's query, on a connection of its own: through the app's pool it would wait behind
 * busy pages, and a full pool under load would pass for a database that is down (measured: 503s
 * for everyone in bursts under `npm run bench:load`).
 */
export function dedicatedProbe(connectionString: () => string): () => Promise<void> {
  let client: pg.Client | null = null;
  const drop = (stale: pg.Client) => {
    if (client === stale) client = null;
    void stale.end().catch(() => undefined);
  };
  return async () => {
    const current =
      client ?? new pg.Client({ connectionString: connectionString(), connectionTimeoutMillis: 5_000 });
    try {
      if (!client) {
        current.on("error", () => drop(current));
        client = current;
        await current.connect();
      }
      await current.query("SELECT 1");
    } catch (error) {
      drop(current);
      throw error;
    }
  };
}

export const STYLE_PATH = "/_unavailable.css";
const STYLE = `body{margin:0;font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#fafaf9;color:#1c1917}
main{max-width:32rem;margin:15vh auto;padding:1.5rem;background:#fff;border:1px solid #e7e5e4;border-radius:.75rem}
h1{font-size:1.4rem;margin:0 0 .75rem}p{line-height:1.6}a{display:inline-block;margin-top:.5rem;padding:.6rem 1rem;border-radius:.5rem;background:#166534;color:#fff;text-decoration:none}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A page that needs nothing but the message catalogue: no database, no Remix, no script. */
export function unavailablePage(locale: Locale, retryHref: string): string {
  const t = (key: Parameters<typeof translate>[1]) => escapeHtml(translate(locale, key));
  return `<!DOCTYPE html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${t("health.unavailable.title")} · ${t("app.name")}</title><link rel="stylesheet" href="${STYLE_PATH}"></head>
<body><main role="alert"><h1>${t("health.unavailable.heading")}</h1><p>${t("health.unavailable.body")}</p>
<a href="${escapeHtml(retryHref)}">${t("health.unavailable.retry")}</a></main></body>
</html>`;
}

/** The language a request asks for (its language cookie, else Accept-Language), without Remix. */
export function localeOf(req: Request): Promise<Locale> {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  return getLocale(new Request("http://localhost/", { headers }));
}

/** Answers 503 with the translated page; the client may retry shortly. */
export async function sendUnavailable(req: Request, res: Response): Promise<void> {
  const locale = await localeOf(req);
  const retryHref = req.method === "GET" ? req.originalUrl : "/";
  res
    .status(503)
    .set({ "Retry-After": "30", "Cache-Control": "no-store" })
    .type("text/html; charset=utf-8")
    .send(unavailablePage(locale, retryHref));
}

/**
 * While the database is down every page answers with the friendly 503 instead of a 500 from a
 * failed loader. Mount after the static assets and before the Remix handler.
 */
export function whenDatabaseDown(monitor: DatabaseMonitor): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === STYLE_PATH) {
      res.type("text/css").set("Cache-Control", "public, max-age=3600").send(STYLE);
      return;
    }
    monitor.isUp().then((up) => (up ? next() : sendUnavailable(req, res)), next);
  };
}
