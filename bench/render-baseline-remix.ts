// What the app's built server bundle gets for "@remix-run/react" inside the equal-work rendering
// baseline (bench/render-baseline.ts; bench/render-baseline-hooks.mjs points the bundle's import
// here): everything of the real package, except RemixServer.
//
// The real RemixServer, on every request, rebuilds the route objects of all ~170 routes
// (createServerRoutes) and a static router over them, before React renders anything: that is
// Remix's per-request work, which the baseline must not do ("no Remix"). This one renders
// the very same element tree RemixServer renders — RemixContext, RemixErrorBoundary,
// StaticRouterProvider over the same route objects (the same RemixRoute elements, root Layout,
// error boundaries), then the single-fetch data stream (StreamTransfer) — but from a router
// built ONCE per page when the baseline starts, from the data captured from the app's loaders.
// Rendering, the React tree, the page's data script and the HTML are the same; the route tree,
// loaders, session and database are not there.
import { createElement, Fragment, Suspense, type ReactElement } from "react";
import type { EntryContext } from "@remix-run/react/dist/entry.js";
import { RemixContext } from "@remix-run/react/dist/components.js";
import { RemixErrorBoundary } from "@remix-run/react/dist/errorBoundaries.js";
import { StreamTransfer } from "@remix-run/react/dist/single-fetch.js";
import { StaticRouterProvider } from "react-router-dom/server";

export * from "@remix-run/react";

type StaticRouter = Parameters<typeof StaticRouterProvider>[0]["router"];

/** An EntryContext with the page's router, built once (bench/render-baseline.ts). */
export interface EqualWorkContext extends EntryContext {
  equalWorkRouter: StaticRouter;
}

export function RemixServer({
  context,
  nonce,
}: {
  context: EqualWorkContext;
  url: string | URL;
  nonce?: string;
}): ReactElement {
  const router = context.equalWorkRouter;
  const { manifest, routeModules, criticalCss, serverHandoffString } = context;
  return createElement(
    Fragment,
    null,
    createElement(
      RemixContext.Provider,
      {
        value: {
          manifest,
          routeModules,
          criticalCss,
          serverHandoffString,
          future: context.future,
          isSpaMode: context.isSpaMode,
          serializeError: context.serializeError,
          abortDelay: undefined,
          renderMeta: context.renderMeta,
        },
      },
      createElement(
        RemixErrorBoundary,
        { location: router.state.location },
        createElement(StaticRouterProvider, {
          router,
          context: context.staticHandlerContext,
          hydrate: false,
        }),
      ),
    ),
    context.serverHandoffStream
      ? createElement(
          Suspense,
          null,
          createElement(StreamTransfer, {
            context,
            identifier: 0,
            reader: context.serverHandoffStream.getReader(),
            textDecoder: new TextDecoder(),
            nonce,
          }),
        )
      : null,
  );
}
