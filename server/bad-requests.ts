import type { ServerBuild } from "@remix-run/node";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { STYLE_PATH, escapeHtml, localeOf } from "./maintenance";

/**
 * Requests no browser sends — a path with broken percent-encoding, a form body that cannot be
 * read, a method no page takes — are the sender's mistake: they get a 4xx with a message in the
 * request's language (a small page, or problem details under /api), never a 500.
 */

const PAGE_METHODS = ["GET", "HEAD", "POST"];
const PAGE_ALLOW = PAGE_METHODS.join(", ");

interface BadRequest {
  status: 400 | 405;
  code: string;
  message: MessageKey;
}

const BAD_ADDRESS: BadRequest = { status: 400, code: "request.bad_address", message: "error.bad_address" };
const BAD_BODY: BadRequest = { status: 400, code: "request.bad_body", message: "error.bad_body" };
const BAD_METHOD: BadRequest = { status: 405, code: "api.method_not_allowed", message: "error.405" };

function page(locale: Locale, problem: BadRequest): string {
  const t = (key: MessageKey) => escapeHtml(translate(locale, key));
  return `<!DOCTYPE html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${t("error.title")} · ${t("app.name")}</title><link rel="stylesheet" href="${STYLE_PATH}"></head>
<body><main role="alert"><h1>${problem.status} · ${t("error.title")}</h1><p>${t(problem.message)}</p>
<a href="/">${t("error.backHome")}</a></main></body>
</html>`;
}

async function answer(req: Request, res: Response, problem: BadRequest): Promise<void> {
  const locale = await localeOf(req);
  res.status(problem.status).set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  if (problem.status === 405) res.set("Allow", PAGE_ALLOW);
  if (req.path.startsWith("/api/")) {
    res.type("application/problem+json; charset=utf-8").send(
      JSON.stringify({
        type: `/api/v1/docs#problem-${problem.code}`,
        title: translate(locale, problem.message),
        status: problem.status,
        code: problem.code,
      }),
    );
    return;
  }
  res.type("text/html; charset=utf-8").send(page(locale, problem));
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Mount first: refuses a path that does not decode, and methods no page takes (the API answers its own). */
export function refuseMalformedRequests(): RequestHandler {
  return (req, res, next) => {
    const path = (req.originalUrl || req.url).split("?")[0] ?? "";
    if (!decodes(path)) return void answer(req, res, BAD_ADDRESS).catch(next);
    if (!PAGE_METHODS.includes(req.method) && req.method !== "OPTIONS" && !path.startsWith("/api/"))
      return void answer(req, res, BAD_METHOD).catch(next);
    next();
  };
}

/**
 * The one place errors a client caused are answered: broken encodings (URIError from a decoder
 * deep in a static file server) and anything that carries a 4xx status (body parsers, `send`).
 * Returns false for every other error, which is the server's own.
 */
export function answerClientError(error: unknown, req: Request, res: Response): Promise<void> | null {
  if (error instanceof URIError) return answer(req, res, BAD_ADDRESS);
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500)
    return answer(req, res, status === 405 ? BAD_METHOD : BAD_BODY);
  return null;
}

export const clientErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const answered = answerClientError(error, req, res);
  if (!answered) return next(error);
  req.log?.warn({ err: error }, "refused a malformed request");
  answered.catch(next);
};

/**
 * The build with every action's `request.formData()` and `request.json()` turned into a 400 when
 * the body cannot be read as asked (a form posted as JSON, multipart without a boundary, broken
 * JSON): Remix then renders the error page with that status instead of a 500.
 */
const prepared = new WeakMap<ServerBuild, ServerBuild>();

export function refuseUnreadableBodies(build: ServerBuild): ServerBuild {
  const known = prepared.get(build);
  if (known) return known;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action;
      if (!action) return [id, route];
      const wrapped: typeof action = (args) => {
        guardBodyReaders(args.request);
        return action(args);
      };
      return [id, { ...route, module: { ...route.module, action: wrapped } }];
    }),
  );
  const result: ServerBuild = { ...build, routes };
  prepared.set(build, result);
  return result;
}

function guardBodyReaders(request: globalThis.Request): void {
  for (const reader of ["formData", "json"] as const) {
    const read = request[reader].bind(request) as () => Promise<unknown>;
    Object.defineProperty(request, reader, {
      configurable: true,
      value: async () => {
        try {
          return await read();
        } catch (error) {
          if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
          throw new Response(BAD_BODY.message, {
            status: 400,
            headers: { "Content-Type": "text/plain; charset=utf-8" },
          });
        }
      },
    });
  }
}
