import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressPages, pageEncoding } from "./page-compression";

const page = `<!DOCTYPE html><html><body>${"<li>香菇大棚温湿度控制 洛宁县</li>".repeat(1600)}</body></html>`;
const json = JSON.stringify({ words: "乡科".repeat(2000) });
let base = "";
let close: () => Promise<void>;
/** How many times the socket was written to for the last page (one per piece sent). */
let socketWrites = 0;

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use(compressPages());
  // As Remix sends a page: headers, then two-kilobyte chunks, each followed by res.flush().
  app.get("/page", (_req, res) => {
    res.status(200).setHeader("Content-Type", "text/html; charset=utf-8");
    const bytes = Buffer.from(page);
    const socket = res.socket!;
    const socketWrite = socket.write.bind(socket);
    socketWrites = 0;
    socket.write = ((...args: Parameters<typeof socket.write>) => {
      socketWrites += 1;
      return socketWrite(...args);
    }) as typeof socket.write;
    let offset = 0;
    const next = () => {
      if (offset >= bytes.length) return res.end();
      res.write(bytes.subarray(offset, offset + 2048));
      (res as unknown as { flush: () => void }).flush();
      offset += 2048;
      setImmediate(next);
    };
    next();
  });
  app.get("/data", (_req, res) => {
    res.setHeader("Content-Type", "text/x-script");
    res.write(page.slice(0, 1000));
    res.end(page.slice(1000));
  });
  app.get("/small", (_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end("<p>好</p>");
  });
  app.get("/json", (_req, res) => res.type("json").send(json));
  app.get("/not-modified", (_req, res) => {
    res.status(304).setHeader("Content-Type", "text/html");
    res.end();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

/** A raw request (Node's fetch would decode the body itself). */
function get(pathname: string, acceptEncoding: string | null, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(
        `${base}${pathname}`,
        { method, headers: acceptEncoding === null ? {} : { "accept-encoding": acceptEncoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      )
        .on("error", reject)
        .end();
    },
  );
}

describe("pages compressed whole", () => {
  it("sends a page written in flushed chunks as one Brotli body with its length", async () => {
    const { headers, body } = await get("/page", "gzip, deflate, br");
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["content-length"]).toBe(String(body.length));
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(body).toString()).toBe(page);
    // Headers, body and end in at most three writes, not one or more per chunk (34 here).
    expect(socketWrites).toBeLessThanOrEqual(3);
    expect(body.length).toBeLessThan(Buffer.byteLength(page) / 10);
  });

  it("falls back to gzip, and to the page itself for a client that takes neither", async () => {
    const gzip = await get("/page", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(page);
    const plain = await get("/page", null);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(page);
    const refused = await get("/page", "br;q=0, gzip;q=0");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(page);
  });

  it("compresses Remix's single-fetch data the same way", async () => {
    const { headers, body } = await get("/data", "br");
    expect(headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(body).toString()).toBe(page);
  });

  it("sends a tiny page as it is, with its length", async () => {
    const { headers, body } = await get("/small", "br");
    expect(headers["content-encoding"]).toBeUndefined();
    expect(headers["content-length"]).toBe(String(Buffer.byteLength("<p>好</p>")));
    expect(body.toString()).toBe("<p>好</p>");
  });

  it("leaves other responses to the compression middleware", async () => {
    const { headers, body } = await get("/json", "gzip");
    expect(headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(body).toString()).toBe(json);
  });

  it("sends no body for HEAD or 304", async () => {
    const head = await get("/page", "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const notModified = await get("/not-modified", "br");
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
  });
});

describe("pageEncoding", () => {
  it.each([
    ["gzip, deflate, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0.5, br;q=0.1", "br"],
    ["*", "br"],
    ["identity", null],
    ["", null],
    ["gzip;q=0, br;q=0", null],
    ["deflate", null],
  ])("%j → %s", (header, expected) => {
    expect(pageEncoding(header)).toBe(expected);
  });
});
