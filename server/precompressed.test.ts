import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressed } from "./precompressed";

const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-precompressed-"));
const script = "export const words = '乡科'.repeat(500);";
let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  writeFileSync(path.join(dir, "entry.js"), script);
  writeFileSync(path.join(dir, "entry.js.br"), brotliCompressSync(script));
  writeFileSync(path.join(dir, "entry.js.gz"), gzipSync(script));
  writeFileSync(path.join(dir, "plain.js"), script);
  const app = express();
  app.use(compression());
  app.use("/assets", precompressed(dir));
  app.use("/assets", express.static(dir));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (Node's fetch would decode the body itself). */
async function get(file: string, acceptEncoding: string) {
  const { request } = await import("node:http");
  return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(`${base}/assets/${file}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("precompressed assets", () => {
  it("sends the Brotli file to a browser that takes Brotli, once, with the script's type", async () => {
    const { headers, body } = await get("entry.js", "gzip, deflate, br");
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["content-type"]).toMatch(/^text\/javascript/);
    expect(headers["cache-control"]).toContain("immutable");
    // A fingerprinted file never changes: no validators or ranges to pay for on each request.
    expect([headers.etag, headers["last-modified"], headers["accept-ranges"]]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it("sends gzip to a browser without Brotli, and the file itself to one that takes neither", async () => {
    expect((await get("entry.js", "gzip")).headers["content-encoding"]).toBe("gzip");
    const plain = await get("entry.js", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("leaves a file without a compressed copy to the static files", async () => {
    const { headers, body } = await get("plain.js", "identity");
    expect(headers["content-encoding"]).toBeUndefined();
    expect(body.toString()).toBe(script);
  });
});
