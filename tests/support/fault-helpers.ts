import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";

export const DEMO_PASSWORD = "xiangke2026";

/** A browser-like client of the running app: keeps its cookies, never follows redirects. */
export class WebSession {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: this.cookieHeader(),
        origin: this.baseUrl,
      },
      signal: init.signal ?? AbortSignal.timeout(15_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Posts a form the way a browser without JavaScript does (multipart when `multipart`). */
  post(pathname: string, fields: Record<string, string | string[]>, multipart = false): Promise<Response> {
    const entries = Object.entries(fields).flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]],
    );
    let body: FormData | URLSearchParams;
    if (multipart) {
      body = new FormData();
      for (const [name, value] of entries) body.append(name, value);
    } else body = new URLSearchParams(entries);
    return this.request(pathname, { method: "POST", body });
  }

  /** Logs in through the real /login form; throws unless the app answered with its redirect. */
  async login(identifier: string, password = DEMO_PASSWORD): Promise<this> {
    const response = await this.post("/login", { identifier, password, redirectTo: "" });
    if (response.status !== 302) throw new Error(`logging in as ${identifier} answered ${response.status}`);
    return this;
  }
}

/** A redirect (the no-JavaScript form's acknowledgement) and where it points. */
export function redirectedTo(response: Response): string | null {
  return response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
}

/** The URL of the embedded cluster an app process wrote into its data folder. */
export function embeddedDatabaseUrl(dataDir: string): string {
  return readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
}

/** A Prisma client of its own on the given database (the tests' `db` points elsewhere or nowhere). */
export function prismaFor(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
}

/** Stops a PostgreSQL that an app killed with SIGKILL left running in `dataDir` (test clean-up). */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A page's HTML without the messages it embeds for the browser (app/i18n/page-messages.tsx):
 * those hold every message of the namespaces the page uses, shown or not.
 */
export function shownHtml(html: string): string {
  return html.replace(/<script type="application\/json" id="xk-messages"[^>]*>.*?<\/script>/s, "");
}
