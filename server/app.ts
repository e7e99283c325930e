import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import zlib from "node:zlib";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { ViteDevServer } from "vite";
import { runInRequestScope } from "~/utils/request-scope.server";
import { guardBuildActions } from "~/modules/submissions/submission-guard.server";
import { compressPages } from "./page-compression";
import { ASSET_SEND_OPTIONS, precompressed } from "./precompressed";
import { createDatabaseMonitor, dedicatedProbe, sendUnavailable, whenDatabaseDown } from "./maintenance";
import { clientErrors, refuseMalformedRequests, refuseUnreadableBodies } from "./bad-requests";
import { REDACT_PATHS } from "./log-redaction";
import { cspNonce, refuseCrossOrigin, securityHeaders } from "./security";

/** What a script or a JSON resource keeps of the page headers: no sniffing, same origin only. */
const resourceHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  next();
};

export interface AppOptions {
  log: Logger;
  production: boolean;
  https: boolean;
  trustProxy: boolean;
  /** Development: Vite serves assets and the server build. */
  vite?: ViteDevServer;
  /** Production: the built server bundle and the folder of built client assets. */
  build?: ServerBuild;
  clientDir?: string;
  /** How many Socket.IO clients this process holds now (shown by /healthz beside its pid). */
  socketCount?: () => number;
}

/** A request whose TCP peer is this machine and that no proxy forwarded. */
function isLocalUnproxied(req: express.Request): boolean {
  const peer = req.socket.remoteAddress ?? "";
  const loopback = peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127.");
  return loopback && req.headers["x-forwarded-for"] === undefined && req.headers.forwarded === undefined;
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);

  // One watcher of the database: /healthz probes it, pages read its recent answer.
  const database = createDatabaseMonitor(dedicatedProbe(() => process.env.DATABASE_URL ?? ""));
  app.get("/healthz", async (req, res) => {
    const up = await database.probe();
    const health = { status: up ? "ok" : "unavailable", database: up ? "ok" : "down" };
    // `?detail`: which process answered and how many sockets it holds, to tell the processes behind
    // one address apart (a cluster, instances behind nginx). Only on this machine and not through
    // a proxy: the public check says nothing about the processes.
    const detail = req.query.detail !== undefined && isLocalUnproxied(req);
    res
      .status(up ? 200 : 503)
      .json(detail ? { ...health, pid: process.pid, sockets: options.socketCount?.() ?? 0 } : health);
  });

  app.use(
    pinoHttp({
      logger: options.log,
      // The child logger pino-http makes keeps the redaction and the line scrubber of `log`.
      redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
      autoLogging: { ignore: (req) => req.url?.startsWith("/assets/") ?? false },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    }),
  );
  app.use(refuseMalformedRequests());
  // Brotli quality 7, not the default 4: a seventh smaller pages for a few tenths of a millisecond
  // more (the needs list: 6.5 → 5.7 kB; 0.6 → 0.8 ms, as at quality 5); from 9 up it costs
  // milliseconds a page. Pages and their data are compressed whole by compressPages, after it.
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 7 } } }));
  app.use(compressPages());
  if (!options.vite && options.clientDir) {
    // Built assets go out before the page headers: a script needs no CSP of its own, and the
    // kilobyte of headers a page carries, repeated on each of a page's twenty small chunks, cost a
    // phone on a slow link more than the chunks themselves. Kept: no sniffing, same origin only.
    app.use("/assets", resourceHeaders);
    app.use("/assets", precompressed(`${options.clientDir}/assets`));
    app.use("/assets", express.static(`${options.clientDir}/assets`, ASSET_SEND_OPTIONS));
  }
  app.use(cspNonce());
  const pageHeaders = securityHeaders({ production: options.production, https: options.https });
  // Remix's route manifest is JSON every first view fetches: a resource, like the assets.
  app.use((req, res, next) =>
    req.path === "/__manifest" ? resourceHeaders(req, res, next) : pageHeaders(req, res, next),
  );
  app.use(refuseCrossOrigin());

  if (options.vite) {
    app.use(options.vite.middlewares);
  } else if (options.clientDir) {
    // The files at the root of public/ (icons, the service worker, the web manifest) all have an
    // extension; a page's path has none, so it goes straight to Remix instead of costing a stat of
    // the disk on every page (2 % of the CPU under the load mix).
    const rootFiles = express.static(options.clientDir, { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? rootFiles(req, res, next) : next()));
  }

  const vite = options.vite;
  // Every action runs once per form submission key (app/modules/submissions).
  const prepare = (serverBuild: ServerBuild) => refuseUnreadableBodies(guardBuildActions(serverBuild));
  const build = vite
    ? async () => prepare((await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
    : options.build && prepare(options.build);
  if (!build) throw new Error("createApp needs either a Vite dev server or a server build");

  app.use(whenDatabaseDown(database));
  const remix = createRequestHandler({
    build,
    mode: options.production ? "production" : "development",
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? "unknown",
    }),
  });
  // One scope per reading request: its loaders share what it has read (the signed-in user, for
  // one). Not for a POST, whose action may change what its loaders then read in the same request.
  app.all("*", (req, res, next) =>
    req.method === "GET" || req.method === "HEAD"
      ? runInRequestScope(() => remix(req, res, next))
      : remix(req, res, next),
  );

  const onError: ErrorRequestHandler = async (error, req, res, _next) => {
    req.log?.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    // The database went away under this request: the friendly 503, not a bare 500.
    if (!(await database.probe())) return sendUnavailable(req, res);
    res.status(500).type("text/plain; charset=utf-8").send("服务器出错 · Internal server error");
  };
  app.use(clientErrors);
  app.use(onError);
  return app;
}
