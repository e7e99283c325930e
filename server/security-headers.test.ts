import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { cspNonce, securityHeaders } from "./security";

/** The headers a tiny app with the production middleware answers with. */
async function headersFor(options: { production: boolean; https: boolean }): Promise<Headers> {
  const app = express();
  app.use(cspNonce(), securityHeaders(options));
  app.get("/", (_req, res) => void res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}/`)).headers;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : [];
}

describe("securityHeaders", () => {
  it("sends HSTS only in production over https", async () => {
    expect((await headersFor({ production: true, https: true })).get("strict-transport-security")).toMatch(
      /max-age=31536000/,
    );
    expect(
      (await headersFor({ production: true, https: false })).get("strict-transport-security"),
    ).toBeNull();
    expect(
      (await headersFor({ production: false, https: true })).get("strict-transport-security"),
    ).toBeNull();
  });

  it("forbids framing and inline scripts, allowing only this request's nonce", async () => {
    for (const production of [true, false]) {
      const csp = (await headersFor({ production, https: false })).get("content-security-policy")!;
      expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
      const scripts = directive(csp, "script-src");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts.filter((source) => source.startsWith("'nonce-"))).toHaveLength(1);
    }
  });

  it("uses a fresh nonce for every response", async () => {
    const nonce = async () =>
      directive(
        (await headersFor({ production: true, https: false })).get("content-security-policy")!,
        "script-src",
      ).find((s) => s.startsWith("'nonce-"));
    expect(await nonce()).not.toBe(await nonce());
  });
});
