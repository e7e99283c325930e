import { existsSync } from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";
import { acceptedEncodings, type Encoding } from "./accept-encoding";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export const ASSET_SEND_OPTIONS = {
  maxAge: "1y",
  immutable: true,
  etag: false,
  lastModified: false,
  acceptRanges: false,
} as const;

const SUFFIXES: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/**
 * Serves the Brotli or gzip file written at build time (scripts/precompress.ts) in place of an
 * asset, when the browser accepts it; everything else falls through to express.static. The files
 * are fingerprinted, so whether one exists is asked once and remembered.
 */
export function precompressed(dir: string): RequestHandler {
  const known = new Map<string, boolean>();
  const has = (file: string) => {
    let exists = known.get(file);
    if (exists === undefined) {
      exists = existsSync(file);
      known.set(file, exists);
    }
    return exists;
  };
  return (req, res, next) => {
    const type = TYPES[path.extname(req.path)];
    if ((req.method !== "GET" && req.method !== "HEAD") || !type || req.path.includes("..")) return next();
    const file = path.join(dir, req.path);
    for (const encoding of acceptedEncodings(req.headers["accept-encoding"])) {
      const suffix = SUFFIXES[encoding];
      if (!has(file + suffix)) continue;
      res.setHeader("Content-Type", type);
      res.setHeader("Content-Encoding", encoding);
      res.setHeader("Vary", "Accept-Encoding");
      // Fingerprinted and cached for a year: no validators or ranges, no bytes spent on them.
      return res.sendFile(file + suffix, ASSET_SEND_OPTIONS, (error) => {
        if (error) next(error);
      });
    }
    next();
  };
}
