// The equal-work rendering baseline of bench:http (issue 25): a bare Express handler that renders
// the app's own React tree for a page from that page's data, in its own process. Arguments: the
// running app's URL, then the paths to serve ("/" "/needs"). Sends {port, pages} over IPC once ready.
//
// Why it is equal work:
// - The components are the app's: the same built server bundle (build/server/) the app serves,
//   so the same compiled root Layout, route components, header, footer and messages.
// - The data is the app's: each page's loader data is captured ONCE at start-up from the running
//   app's single-fetch URL (/_root.data, /needs.data — what its loaders returned for an anonymous
//   visitor) and passed in. No loader, no session, no database during the run.
// - The render is the app's: each request calls the bundle's own entry (app/entry.server.tsx:
//   renderToPipeableStream, the whole document at onAllReady, the nonce and page-messages
//   providers, the NUL-byte filter), because that is how the app renders; renderToString would
//   leave out the app's providers and give other HTML. The page's hydration data is encoded per
//   request with Remix's own encoder, as the app must do too, and streamed into the page.
// - What is NOT done: Remix's request handler (URL matching, loaders, headers, data strategy),
//   the app's middleware (security headers, logging, compression, sessions), and the per-request
//   rebuilding of the whole route tree inside RemixServer: the bundle's "@remix-run/react" is
//   redirected (bench/render-baseline-hooks.mjs) to bench/render-baseline-remix.ts, whose
//   RemixServer renders the same tree from a static router built here once per page.
// So the app's ratio to this baseline is what Remix and the app add around rendering the page.
import { randomBytes } from "node:crypto";
import { register } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pathToFileURL } from "node:url";
import express from "express";
import { createServerRoutes } from "@remix-run/react/dist/routes.js";
import { decodeViaTurboStream } from "@remix-run/react/dist/single-fetch.js";
import type { ServerBuild } from "@remix-run/node";
import { createEntryRouteModules } from "@remix-run/server-runtime/dist/entry.js";
import { createServerHandoffString } from "@remix-run/server-runtime/dist/serverHandoff.js";
import { encodeViaTurboStream } from "@remix-run/server-runtime/dist/single-fetch.js";
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { serializeError } from "@remix-run/server-runtime/dist/errors.js";
import { createStaticHandler, createStaticRouter } from "react-router-dom/server";
import type { EqualWorkContext } from "./render-baseline-remix";

register("./render-baseline-hooks.mjs", import.meta.url);

const [appUrl, ...paths] = process.argv.slice(2);
if (!appUrl || paths.length === 0) throw new Error("usage: render-baseline.ts <app url> <path>...");
if (process.env.NODE_ENV !== "production")
  throw new Error(
    "run the baseline with NODE_ENV=production, as the app: React's development build is slower",
  );

const root = path.resolve(import.meta.dirname, "..");
const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
const routeModules = createEntryRouteModules(build.routes);
const future = build.future as unknown as EqualWorkContext["future"];
// The same route objects RemixServer builds on each request (with RemixRoute elements), once.
const serverRoutes = createServerRoutes(build.assets.routes, routeModules, future, build.isSpaMode);
const serverHandoffString = createServerHandoffString({
  basename: build.basename,
  criticalCss: undefined,
  future: build.future,
  isSpaMode: build.isSpaMode,
});

type Loaded = Record<string, { data?: unknown; error?: unknown }>;

/** What the app's loaders return for `pathname`, from its single-fetch URL (Remix's own decoder). */
async function capture(pathname: string): Promise<Loaded> {
  const dataPath = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
  const response = await fetch(new URL(dataPath, appUrl));
  if (!response.ok || !response.body) throw new Error(`${dataPath} answered ${response.status}`);
  const decoded = await decodeViaTurboStream(response.body, globalThis);
  await decoded.done;
  return decoded.value as Loaded;
}

type StaticHandlerContext = EqualWorkContext["staticHandlerContext"];
interface Page {
  context: StaticHandlerContext;
  router: EqualWorkContext["equalWorkRouter"];
}

/** The page's StaticHandlerContext and router, built once: its loaders answer the captured data. */
async function prepare(pathname: string): Promise<Page> {
  const loaded = await capture(pathname);
  for (const [routeId, result] of Object.entries(loaded))
    if (!result || "error" in result) throw new Error(`the app's ${routeId} loader failed for ${pathname}`);
  type ServerRoute = (typeof serverRoutes)[number];
  const withData = (routes: ServerRoute[]): ServerRoute[] =>
    routes.map((route) => ({
      ...route,
      loader: route.loader ? () => loaded[route.id!]?.data ?? null : undefined,
      children: route.children ? withData(route.children as ServerRoute[]) : undefined,
    })) as ServerRoute[];
  const handler = createStaticHandler(withData(serverRoutes));
  const context = await handler.query(new Request(new URL(pathname, "http://baseline.invalid")));
  if (context instanceof Response) throw new Error(`${pathname} answered a response, not a page`);
  if (context.errors) throw new Error(`${pathname} rendered errors: ${JSON.stringify(context.errors)}`);
  // As RemixServer does (v7_partialHydration), over the route objects RemixServer would build.
  const router = createStaticRouter(serverRoutes, context, {
    future: { v7_partialHydration: true, v7_relativeSplatPath: future.v3_relativeSplatPath },
  });
  return { context, router };
}

const pages = new Map<string, Page>();
for (const pathname of paths) pages.set(pathname, await prepare(pathname));

const handleRequest = build.entry.module.default;
const app = express();
app.get(paths, async (req, res, next) => {
  try {
    const page = pages.get(req.path)!;
    const request = new Request(new URL(req.url, appUrl));
    const context: EqualWorkContext = {
      manifest: build.assets as unknown as EqualWorkContext["manifest"],
      routeModules: routeModules as unknown as EqualWorkContext["routeModules"],
      criticalCss: undefined,
      serverHandoffString,
      // The page's state, encoded per request as Remix does for every document it serves.
      serverHandoffStream: encodeViaTurboStream(
        { loaderData: page.context.loaderData, actionData: null, errors: null },
        request.signal,
        build.entry.module.streamTimeout,
        ServerMode.Production,
      ),
      renderMeta: {},
      future,
      isSpaMode: build.isSpaMode,
      serializeError: (error: Error) => serializeError(error, ServerMode.Production),
      staticHandlerContext: { ...page.context },
      equalWorkRouter: page.router,
    };
    const response = await handleRequest(request, 200, new Headers(), context as never, {
      cspNonce: randomBytes(16).toString("base64"),
      clientIp: req.ip ?? "unknown",
    });
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (!response.body) return res.end();
    Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
  } catch (error) {
    next(error);
  }
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
