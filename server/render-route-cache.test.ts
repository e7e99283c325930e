import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type * as RemixReact from "@remix-run/react";
import type * as Router from "@remix-run/router";
import type * as ServerRuntime from "@remix-run/server-runtime";
import type * as ReactType from "react";
import type * as ReactDomServer from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handMadeBuild } from "../tests/support/remix-build";

// Remix's RemixServer made the route objects anew for every render, and React Router's static
// router converted them anew again, so the match cache of @remix-run/router (keyed by the routes
// array, docs/decisions/020) missed in every render: the whole tree was flattened and ranked per
// request. patches/@remix-run+react+2.17.5.patch and patches/react-router-dom+6.30.4.patch keep
// them per build (docs/decisions/043). This renders pages through Remix's own request handler, as
// the server does, with the CommonJS builds Node loads.
const require = createRequire(import.meta.url);
const React = require("react") as typeof ReactType;
const { renderToString } = require("react-dom/server") as typeof ReactDomServer;
const remix = require("@remix-run/react") as typeof RemixReact;
const runtime = require("@remix-run/server-runtime") as typeof ServerRuntime;
const router = require("@remix-run/router") as typeof Router & Record<string, unknown>;

const h = React.createElement;
const page = (text: string) => () => h("main", null, text, h(remix.Outlet));

type Build = ServerRuntime.ServerBuild;
const routeEntries: Record<string, { parentId?: string; path?: string; index?: boolean; text: string }> = {
  root: { path: "", text: "root" },
  home: { parentId: "root", index: true, text: "home page" },
  needs: { parentId: "root", path: "needs", text: "needs" },
  need: { parentId: "needs", path: ":id", text: "one need" },
  about: { parentId: "root", path: "about", text: "about page" },
};

function makeBuild(): Build {
  const routes = Object.fromEntries(
    Object.entries(routeEntries).map(([id, { text, ...place }]) => [
      id,
      { ...place, module: { default: page(text) } },
    ]),
  );
  return handMadeBuild(routes, async (request, status, headers, context) => {
    const html = renderToString(
      h(remix.RemixServer, { context: context as RemixReact.RemixServerProps["context"], url: request.url }),
    );
    headers.set("Content-Type", "text/html");
    return new Response(`<!DOCTYPE html>${html}`, { status, headers });
  });
}

/** Every routes array React Router matched while rendering, in order. */
const matched: unknown[] = [];
const originalMatchRoutes = router.matchRoutes;
beforeAll(() => {
  router.matchRoutes = ((routes: Router.AgnosticRouteObject[], ...rest: [string]) => {
    matched.push(routes);
    return originalMatchRoutes(routes, ...rest);
  }) as typeof router.matchRoutes;
});
afterAll(() => {
  router.matchRoutes = originalMatchRoutes;
});

describe("the route objects a server render matches against", () => {
  it("are patched into the copies the server loads", () => {
    for (const name of ["@remix-run/react/dist/server.js", "react-router-dom/server.js"]) {
      const file = require.resolve(name);
      expect(
        readFileSync(file, "utf8").includes("XiangKe patch"),
        `${file} is not patched: run \`npx patch-package --error-on-fail --error-on-warn\` (docs/decisions/043)`,
      ).toBe(true);
    }
  });

  it("are the same array in every render of a build, so the match cache is hit, and pages stay right", async () => {
    const handle = runtime.createRequestHandler(makeBuild(), "production");
    const render = async (path: string) => {
      matched.length = 0;
      const response = await handle(new Request(`http://localhost${path}`));
      expect(response.status).toBe(200);
      // The render's own match (React Router's useRoutes) is the last call.
      return { html: await response.text(), routes: matched.at(-1) };
    };

    const first = await render("/");
    expect(first.html).toContain("home page");
    expect(first.html).not.toContain("one need");
    const second = await render("/needs/abc");
    expect(second.html).toContain("one need");
    expect(second.html).not.toContain("home page");
    const third = await render("/about");
    expect(third.html).toContain("about page");

    expect(first.routes).toBeDefined();
    expect(second.routes).toBe(first.routes);
    expect(third.routes).toBe(first.routes);
  });

  it("are made anew for another build, and when a route module changes (a development reload)", async () => {
    const build = makeBuild();
    const handle = runtime.createRequestHandler(build, "production");
    matched.length = 0;
    await handle(new Request("http://localhost/about"));
    const before = matched.at(-1);

    const other = runtime.createRequestHandler(makeBuild(), "production");
    matched.length = 0;
    await other(new Request("http://localhost/about"));
    expect(matched.at(-1)).not.toBe(before);

    build.routes.about!.module = {
      default: page("about, reloaded"),
    } as unknown as Build["routes"][string]["module"];
    matched.length = 0;
    const reloaded = await handle(new Request("http://localhost/about"));
    expect(await reloaded.text()).toContain("about, reloaded");
    expect(matched.at(-1)).not.toBe(before);
  });
});
