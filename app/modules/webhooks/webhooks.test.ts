import { describe, expect, it } from "vitest";
import { backoffMs, MAX_ATTEMPTS, signatureHeader, verifySignature } from "./delivery.server";
import { isPrivateAddress } from "./webhooks.server";

describe("signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "d1", event: "need.published", data: { needId: "n1" } });
  const at = new Date("2026-05-01T08:00:00Z");

  it("verifies its own signature and refuses a changed body, another secret or a stale timestamp", () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1777622400,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 300, at)).toBe(true);
    expect(verifySignature(secret, header, `${body} `, 300, at)).toBe(false);
    expect(verifySignature("whsec_other", header, body, 300, at)).toBe(false);
    expect(verifySignature(secret, header, body, 300, new Date(at.getTime() + 301_000))).toBe(false);
  });

  it("refuses malformed headers", () => {
    for (const header of [
      null,
      "",
      "t=abc,v1=00",
      "v1=" + "0".repeat(64),
      `t=1777622400,v1=${"z".repeat(64)}`,
    ]) {
      expect(verifySignature(secret, header, body, 300, at)).toBe(false);
    }
  });
});

describe("backoff", () => {
  it("waits 30 s, 2 min, 10 min, 1 h, 6 h … between attempts", () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    expect(backoffMs(MAX_ATTEMPTS - 1)).toBeGreaterThanOrEqual(backoffMs(5));
  });
});

describe("private addresses", () => {
  it("knows loopback, private, link-local and IPv6 local ranges from public ones", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "[::1]",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const host of ["8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "hooks.example.com"]) {
      expect(isPrivateAddress(host), host).toBe(false);
    }
  });
});
