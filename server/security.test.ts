import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/request.server";
import { isCrossOrigin } from "./security";

describe("isCrossOrigin", () => {
  it("allows the app's own origin", () => {
    expect(isCrossOrigin({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(false);
  });

  it("refuses another origin, a malformed one and an opaque one", () => {
    expect(isCrossOrigin({ origin: "https://evil.example", host: "localhost:3000" })).toBe(true);
    expect(isCrossOrigin({ origin: "http://localhost:3001", host: "localhost:3000" })).toBe(true);
    expect(isCrossOrigin({ origin: "null", host: "localhost:3000" })).toBe(true);
    expect(isCrossOrigin({ origin: "::::", host: "localhost:3000" })).toBe(true);
  });

  it("falls back to Sec-Fetch-Site when there is no Origin header", () => {
    expect(isCrossOrigin({ host: "localhost:3000", "sec-fetch-site": "cross-site" })).toBe(true);
    expect(isCrossOrigin({ host: "localhost:3000", "sec-fetch-site": "same-origin" })).toBe(false);
    expect(isCrossOrigin({ host: "localhost:3000" })).toBe(false);
  });

  it("refuses a foreign or malformed Referer when there is no Origin, and takes the app's own", () => {
    const host = "localhost:3000";
    expect(isCrossOrigin({ host, referer: "https://evil.example/form" })).toBe(true);
    expect(isCrossOrigin({ host, referer: "not a url" })).toBe(true);
    expect(isCrossOrigin({ host, referer: "http://localhost:3000/login?x=1" })).toBe(false);
    expect(isCrossOrigin({ host, origin: "http://localhost:3000", referer: "https://evil.example/" })).toBe(
      false,
    );
  });
});

describe("safeRedirect", () => {
  it("keeps local paths and drops everything else", () => {
    expect(safeRedirect("/account?tab=1")).toBe("/account?tab=1");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect(null, "/login")).toBe("/login");
  });
});
