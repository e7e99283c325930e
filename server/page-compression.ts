import type { RequestHandler, Response } from "express";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { acceptedEncodings, type Encoding } from "./accept-encoding";

/**
 * Pages (HTML documents and Remix's single-fetch data) compressed in one piece, on the request's
 * own thread, instead of chunk by chunk by the `compression` middleware.
 *
 * Remix writes a response a chunk at a time and calls `res.flush()` after each one
 * (@remix-run/node writeReadableStreamToWritable). Behind `compression` every flush became a
 * Brotli flush block: a task on libuv's thread pool and a write to the socket per two-kilobyte
 * chunk of React's output, a worse ratio, and an encoder held open per response in flight. Under
 * the load mix (200 connections) that held 1.2–1.6 GiB of resident memory and a fifth of the CPU
 * (decision 045). A page is rendered whole before it is sent (app/entry.server.tsx waits for
 * onAllReady) and its data is encoded whole, so nothing is gained by streaming either: they are
 * gathered here and compressed with one call, whose encoder is freed when it returns.
 *
 * Other responses (assets, files, exports, the API's JSON) keep `compression`, which this must be
 * registered after: it sees the Content-Encoding set here and leaves the body alone.
 */
const PAGE_TYPES = /^(text\/html|text\/x-script)\b/i;
/** Below this, a compressed body saves less than its headers cost. */
const MIN_BYTES = 1024;
// Brotli quality 5, measured on the demo's pages compressed whole (home 22 kB, needs list 53 kB,
// a need 16 kB): 5.7, 9.2 and 4.5 kB in 0.43, 0.69 and 0.18 ms; quality 7 saves 1–2 % more bytes
// for a quarter more CPU, quality 4 costs 11–15 % more bytes, gzip 6 a fifth more.
const BROTLI_QUALITY = 5;

/** The encoding to use for this Accept-Encoding header, Brotli first; null for none. */
export function pageEncoding(acceptEncoding: string | undefined): Encoding | null {
  return acceptedEncodings(acceptEncoding)[0] ?? null;
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === "br"
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: 6 });
}

function appendVary(res: Response) {
  const vary = String(res.getHeader("Vary") ?? "");
  if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
    res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

type WriteCallback = (error?: Error | null) => void;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

export function compressPages(): RequestHandler {
  return (req, res, next) => {
    const encoding = pageEncoding(req.headers["accept-encoding"]);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    // Decided at the first write or end, once the status and headers are known: the page's
    // chunks so far and the encoding they will be sent in, or null to pass the response through.
    let buffered: { chunks: Buffer[]; encoding: Encoding } | null = null;
    let decided = false;
    const decide = () => {
      if (decided) return;
      decided = true;
      const type = String(res.getHeader("Content-Type") ?? "");
      if (!PAGE_TYPES.test(type) || res.getHeader("Content-Encoding")) return;
      appendVary(res);
      if (!encoding || req.method === "HEAD" || res.statusCode === 204 || res.statusCode === 304) return;
      buffered = { chunks: [], encoding };
    };

    res.write = function pageWrite(chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) {
      decide();
      if (!buffered) return write(chunk, encodingOrCallback, callback);
      buffered.chunks.push(toBuffer(chunk, encodingOrCallback));
      const done = (typeof encodingOrCallback === "function" ? encodingOrCallback : callback) as
        WriteCallback | undefined;
      if (done) process.nextTick(done);
      return true;
    } as Response["write"];

    res.end = function pageEnd(chunk?: unknown, encodingOrCallback?: unknown, callback?: unknown) {
      decide();
      if (!buffered) return end(chunk, encodingOrCallback, callback);
      const done = (
        typeof chunk === "function"
          ? chunk
          : typeof encodingOrCallback === "function"
            ? encodingOrCallback
            : callback
      ) as WriteCallback | undefined;
      const { chunks, encoding: chosen } = buffered;
      buffered = null;
      if (chunk != null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encodingOrCallback));
      const body = Buffer.concat(chunks);
      if (body.length < MIN_BYTES) {
        res.setHeader("Content-Length", body.length);
        return end(body, done);
      }
      const compressed = compress(body, chosen);
      res.setHeader("Content-Encoding", chosen);
      res.setHeader("Content-Length", compressed.length);
      return end(compressed, done);
    } as Response["end"];

    next();
  };
}
