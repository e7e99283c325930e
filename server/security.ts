import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

export function cspNonce(): RequestHandler {
  return (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
}

/**
 * Strict headers with a per-request nonce: the only inline scripts are the ones Remix renders
 * with that nonce. Development relaxes what Vite's HMR needs (inline styles, its websocket).
 */
export function securityHeaders({
  production,
  https,
}: {
  production: boolean;
  https: boolean;
}): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": production ? ["'self'"] : ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": production ? ["'self'"] : ["'self'", "ws:"],
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: production && https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host part of an Origin header, or null when absent or malformed. */
export function originHost(origin: string | undefined): string | null {
  if (!origin || origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * True when a request that changes state comes from another site. Origin decides when present;
 * without it (older browsers, some privacy settings) a Referer from another host is as telling.
 */
export function isCrossOrigin(headers: {
  origin?: string;
  referer?: string;
  host?: string;
  "sec-fetch-site"?: string;
}): boolean {
  if (headers.origin !== undefined) {
    const host = originHost(headers.origin);
    return host === null || host !== headers.host;
  }
  if (headers.referer !== undefined && headers.referer !== "") {
    const host = originHost(headers.referer);
    if (host === null || host !== headers.host) return true;
  }
  return headers["sec-fetch-site"] === "cross-site";
}

/**
 * Non-GET requests from another origin are refused (a CSRF defence on top of SameSite=Lax
 * cookies). Browsers send Origin on every cross-site POST; Sec-Fetch-Site covers the rest.
 */
export function refuseCrossOrigin(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const headers = {
      origin: req.get("origin"),
      referer: req.get("referer"),
      host: req.get("host"),
      "sec-fetch-site": req.get("sec-fetch-site"),
    };
    if (!isCrossOrigin(headers)) return next();
    req.log?.warn({ origin: headers.origin, referer: headers.referer }, "refused a cross-origin request");
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("请求来源不被允许 · Requests from another origin are not allowed");
  };
}
