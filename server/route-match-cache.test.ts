import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type * as Router from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server's copy of @remix-run/router keeps ranked branches and compiled paths
// (patches/@remix-run+router+1.23.3.patch, applied by patch-package at postinstall;
// docs/decisions/020). Node loads the CommonJS build, as the app's server does.
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;

type Routes = Router.AgnosticRouteObject[];

const routes: Routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      {
        id: "needs",
        path: "needs",
        children: [
          { id: "needs-index", index: true },
          { id: "need", path: ":id" },
          { id: "need-new", path: "new" },
        ],
      },
      { id: "splat", path: "*" },
    ],
  },
];
const ids = (pathname: string, tree: Routes = routes) =>
  router.matchRoutes(tree, pathname)?.map((match) => match.route.id);

describe("the route-match cache", () => {
  it("is applied to the copy the server loads", () => {
    const file = require.resolve("@remix-run/router");
    // An install with --ignore-scripts skips the postinstall that applies the patch.
    expect(
      readFileSync(file, "utf8").includes("XiangKe patch"),
      `${file} is not patched: run \`npx patch-package --error-on-fail --error-on-warn\` (docs/decisions/020)`,
    ).toBe(true);
  });

  it("matches as before, ranking static segments over parameters, on every call", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual(["root", "home"]);
      expect(ids("/needs")).toEqual(["root", "needs", "needs-index"]);
      expect(ids("/needs/new")).toEqual(["root", "needs", "need-new"]);
      expect(ids("/needs/abc")).toEqual(["root", "needs", "need"]);
      expect(ids("/NEEDS/abc/")).toEqual(["root", "needs", "need"]);
      expect(ids("/elsewhere/deep")).toEqual(["root", "splat"]);
      expect(router.matchRoutes(routes, "/needs/abc")?.at(-1)?.params).toEqual({ id: "abc" });
    }
  });

  it("gives each caller its own matches, so changing one does not change the next answer", () => {
    const first = router.matchRoutes(routes, "/needs/abc")!;
    (first.at(-1)!.params as Record<string, string>).id = "changed";
    first.pop();
    expect(ids("/needs/abc")).toEqual(["root", "needs", "need"]);
    expect(router.matchRoutes(routes, "/needs/abc")?.at(-1)?.params).toEqual({ id: "abc" });
  });

  it("answers for any number of different paths", () => {
    for (let n = 0; n < 2_500; n++)
      expect(router.matchRoutes(routes, `/needs/n${n}`)?.at(-1)?.params.id).toBe(`n${n}`);
    expect(ids("/needs/n0")).toEqual(["root", "needs", "need"]);
  });

  it("keeps each routes array's own branches", () => {
    const other: Routes = [{ id: "only", path: "needs/:id" }];
    expect(ids("/needs/abc", other)).toEqual(["only"]);
    expect(ids("/needs/abc")).toEqual(["root", "needs", "need"]);
    expect(ids("/", other)).toBeUndefined();
  });
});
