import type { ServerBuild } from "@remix-run/server-runtime";

/** One route of a hand-made Remix build: where it sits and its module (component, loader, action). */
export interface BuildRoute {
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { default: unknown; loader?: unknown; action?: unknown };
}

/** What the build's entry.server does with a matched request (Remix's handleRequest). */
export type RenderEntry = (
  request: Request,
  status: number,
  headers: Headers,
  context: never,
) => Promise<Response>;

/**
 * A production server build made by hand, for tests that run requests through Remix's own request
 * handler (or the app's Express server) without Vite: the routes, their manifest, and the entry.
 */
export function handMadeBuild(routes: Record<string, BuildRoute>, render: RenderEntry): ServerBuild {
  const serverRoutes: Record<string, unknown> = {};
  const manifestRoutes: Record<string, unknown> = {};
  for (const [id, route] of Object.entries(routes)) {
    const { parentId, path, index, module } = route;
    serverRoutes[id] = { id, parentId, path, index, module };
    manifestRoutes[id] = {
      id,
      parentId,
      path,
      index,
      module: `/${id}.js`,
      hasLoader: Boolean(module.loader),
      hasAction: Boolean(module.action),
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: id === "root",
    };
  }
  return {
    mode: "production",
    entry: { module: { default: render } },
    routes: serverRoutes,
    assets: {
      entry: { imports: [], module: "/entry.js" },
      routes: manifestRoutes,
      url: "/manifest.js",
      version: "1",
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true },
    publicPath: "/",
    assetsBuildDirectory: "/nowhere",
    isSpaMode: false,
  } as unknown as ServerBuild;
}
