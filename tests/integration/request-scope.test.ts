import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { oncePerRequest } from "~/utils/request-scope.server";
import { useTestDatabase } from "../support/database";
import { handMadeBuild } from "../support/remix-build";

useTestDatabase();

// Two nested routes whose loaders (and the child's action) each ask for the same read, as the root
// loader and a page's loader both ask who is signed in. The document lists what each loader got.
let reads = 0;
const read = () => oncePerRequest("probe", async () => ++reads);

function makeBuild() {
  const loader = async () => ({ read: await read() });
  return handMadeBuild(
    {
      root: { path: "", module: { default: () => null, loader } },
      "routes/page": {
        parentId: "root",
        path: "page",
        module: { default: () => null, loader, action: loader },
      },
    },
    async (
      _request,
      status,
      headers,
      context: { staticHandlerContext: { loaderData: unknown; actionData: unknown } },
    ) => {
      headers.set("Content-Type", "application/json");
      const { loaderData, actionData } = context.staticHandlerContext;
      return new Response(JSON.stringify({ loaderData, actionData }), { status, headers });
    },
  );
}

let base = "";
let close: () => Promise<void>;
beforeAll(async () => {
  const app = createApp({
    log: pino({ level: "silent" }),
    production: true,
    https: false,
    trustProxy: false,
    build: makeBuild(),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

describe("the request scope", () => {
  it("lets every loader of one page share a read, and gives the next request its own", async () => {
    const first = await (await fetch(`${base}/page`)).json();
    expect(first.loaderData).toEqual({ root: { read: 1 }, "routes/page": { read: 1 } });
    const second = await (await fetch(`${base}/page`)).json();
    expect(second.loaderData).toEqual({ root: { read: 2 }, "routes/page": { read: 2 } });
  });

  it("shares nothing in a POST, whose action may change what its loaders then read", async () => {
    reads = 0;
    const response = await fetch(`${base}/page`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: "x=1",
    });
    const body = await response.json();
    expect(body.actionData).toEqual({ "routes/page": { read: 1 } });
    expect(body.loaderData).toEqual({ root: { read: 2 }, "routes/page": { read: 3 } });
  });
});
