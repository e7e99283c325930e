import { randomBytes } from "node:crypto";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import type SharpType from "sharp";
import { db, type Tx } from "~/db.server";
import { DomainError, type DomainErrorCode, isDomainError } from "~/utils/errors";
import { getStorage } from "./storage.server";

import { type AudioType, MAX_AUDIO_BYTES, MAX_IMAGE_BYTES, MIB } from "./limits";

export { MAX_IMAGE_BYTES };
/** Longest side of a stored photo: sharp on a phone screen, a fraction of a camera original. */
export const MAX_IMAGE_SIDE = 1600;
export const THUMBNAIL_WIDTH = 400;
/** A card's picture on a phone: about 100 CSS px wide at two device pixels a CSS pixel. */
export const SMALL_WIDTH = 200;
// A small PNG can declare a huge canvas that takes gigabytes to decode; 64 MP covers phone cameras.
const MAX_INPUT_PIXELS = 64_000_000;
const WEBP_QUALITY = 80;
// Text fields of a multipart form (titles, descriptions) are small; anything bigger is abuse.
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
const MAX_TEXT_FIELDS = 200;

export type ImageType = "image/jpeg" | "image/png" | "image/webp";

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return (
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte)
  );
}

/** The image type the bytes really are, by their magic numbers; the name and the browser's word do not count. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // "RIFF" <4-byte length> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}

const SHARP_FORMATS: Record<ImageType, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};

export interface StoredImage {
  id: string;
  width: number;
  height: number;
  bytes: number;
  mimeType: "image/webp";
}

/**
 * Checks a photo by its content, turns it upright, drops its metadata (phones put GPS positions
 * there), shrinks it to fit 1600×1600 as WebP with 400 and 200 px wide copies, stores the files and
 * records the `Upload` row. If the row cannot be written the files are removed again.
 *
 * With `tx`, the row is written in the caller's transaction; if that transaction rolls back after
 * this returns, the files stay behind without a row, so prefer calling it before a long transaction.
 */
export async function storeImage(
  { ownerId, file }: { ownerId: string; file: File },
  tx?: Tx,
): Promise<StoredImage> {
  if (file.size === 0) throw new DomainError("upload.empty");
  if (file.size > MAX_IMAGE_BYTES)
    throw new DomainError("upload.too_large", { mb: megabytes(MAX_IMAGE_BYTES) });
  const original = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(original);
  if (!type) throw new DomainError("upload.unsupported_type");

  const { full, thumbnail, small } = await renderImage(original, type);
  const storageKey = newStorageKey();
  const storage = getStorage();
  try {
    await storage.put(storageKey, full.data, "image/webp");
    await storage.put(variantKey(storageKey, "thumb"), thumbnail, "image/webp");
    await storage.put(variantKey(storageKey, "small"), small, "image/webp");
    const row = await (tx ?? db).upload.create({
      data: {
        ownerId,
        storageKey,
        mimeType: "image/webp",
        bytes: full.info.size,
        width: full.info.width,
        height: full.info.height,
      },
      select: { id: true },
    });
    return {
      id: row.id,
      width: full.info.width,
      height: full.info.height,
      bytes: full.info.size,
      mimeType: "image/webp",
    };
  } catch (error) {
    await Promise.allSettled(
      IMAGE_VARIANTS.map((variant) => storage.delete(variantKey(storageKey, variant))),
    );
    throw error;
  }
}

// sharp (libvips) is loaded with the first photo, not at start (docs/decisions/043).
let sharpLoaded: Promise<typeof SharpType> | undefined;
function loadSharp(): Promise<typeof SharpType> {
  sharpLoaded ??= import("sharp").then((loaded) => loaded.default);
  return sharpLoaded;
}

async function renderImage(original: Uint8Array, type: ImageType) {
  const sharp = await loadSharp();
  try {
    const input = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS });
    const { format } = await input.metadata();
    if (format !== SHARP_FORMATS[type]) throw new DomainError("upload.unsupported_type");
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked.
    const full = await input
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await narrower(full.data, THUMBNAIL_WIDTH);
    const small = await narrower(thumbnail, SMALL_WIDTH);
    return { full, thumbnail, small };
  } catch (error) {
    if (isDomainError(error)) throw error;
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new DomainError("upload.too_many_pixels", { megapixels: MAX_INPUT_PIXELS / 1_000_000 });
    }
    // sharp could not decode it: a damaged or disguised file.
    throw new DomainError("upload.unsupported_type");
  }
}

function newStorageKey(): string {
  const name = randomBytes(16).toString("hex");
  // Two-character folders keep any one directory small.
  return `images/${name.slice(0, 2)}/${name}.webp`;
}

async function narrower(image: Buffer, width: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(image).resize({ width, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer();
}

/** The sizes a photo is kept in: as uploaded (at most 1600 px), 400 and 200 px wide. */
export const IMAGE_VARIANTS = ["full", "thumb", "small"] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

/** The size asked for in a photo's URL (`?v=thumb`, `?v=small`); anything else is the full photo. */
export function imageVariant(url: string | URL): ImageVariant {
  const asked = new URL(url, "http://localhost").searchParams.get("v");
  return asked === "thumb" || asked === "small" ? asked : "full";
}

function variantKey(storageKey: string, variant: ImageVariant): string {
  return variant === "full" ? storageKey : storageKey.replace(/\.webp$/, `.${variant}.webp`);
}

const AUDIO_EXTENSIONS: Record<AudioType, string> = {
  "audio/webm": "webm",
  "audio/ogg": "ogg",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
};

/** The audio type the bytes really are, by their magic numbers (what browsers record and phones save). */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  // EBML header: Chrome and Firefox record WebM/Opus.
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "audio/webm";
  if (startsWith(bytes, [0x4f, 0x67, 0x67, 0x53])) return "audio/ogg";
  // "ftyp" box at offset 4: MP4/M4A, what Safari records.
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return "audio/mp4";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x41, 0x56, 0x45], 8))
    return "audio/wav";
  // An ID3 tag, or an MPEG audio frame sync (11 set bits; a JPEG's FF D8 does not match).
  if (startsWith(bytes, [0x49, 0x44, 0x33])) return "audio/mpeg";
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return "audio/mpeg";
  return null;
}

/**
 * Stores a voice note as it is (no transcoding: phones record small files already) after checking
 * its real type by content, and records the `Upload` row. If the row cannot be written the file
 * is removed again. Audio is never served by the public /uploads/:id (see isPrivateUpload).
 */
export async function storeAudio(
  { ownerId, file }: { ownerId: string; file: File },
  tx?: Tx,
): Promise<{ id: string; mimeType: AudioType; bytes: number }> {
  if (file.size === 0) throw new DomainError("upload.empty");
  if (file.size > MAX_AUDIO_BYTES)
    throw new DomainError("upload.audio_too_large", { mb: megabytes(MAX_AUDIO_BYTES) });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mimeType = sniffAudioType(bytes);
  if (!mimeType) throw new DomainError("upload.audio_unsupported");
  const name = randomBytes(16).toString("hex");
  const storageKey = `audio/${name.slice(0, 2)}/${name}.${AUDIO_EXTENSIONS[mimeType]}`;
  const storage = getStorage();
  try {
    await storage.put(storageKey, bytes, mimeType);
    const row = await (tx ?? db).upload.create({
      data: { ownerId, storageKey, mimeType, bytes: bytes.length },
      select: { id: true },
    });
    return { id: row.id, mimeType, bytes: bytes.length };
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** Where a stored file is served. Its content never changes, so browsers may cache it forever. */
export function uploadUrl(id: string, variant: ImageVariant = "full"): string {
  const path = `/uploads/${encodeURIComponent(id)}`;
  return variant === "full" ? path : `${path}?v=${variant}`;
}

/** The stored bytes of an upload for serving, or null when the id (or its file) is unknown. */
export async function readUpload(id: string, variant: ImageVariant = "full") {
  const row = await db.upload.findUnique({ where: { id }, select: { storageKey: true, mimeType: true } });
  if (!row) return null;
  // Audio has one size; photos stored before the 200 px copy existed get it made on first asking.
  const sized = row.mimeType === "image/webp" ? variant : "full";
  const key = variantKey(row.storageKey, sized);
  const stored =
    (await getStorage().get(key)) ?? (sized === "small" ? await makeSmallCopy(row.storageKey) : null);
  return stored ? { ...stored, mimeType: row.mimeType } : null;
}

/** The 200 px copy of a photo stored before it existed, made from the 400 px one, kept and read. */
async function makeSmallCopy(storageKey: string) {
  const storage = getStorage();
  const thumbnail = await storage.get(variantKey(storageKey, "thumb"));
  if (!thumbnail) return null;
  const bytes = Buffer.from(await new Response(thumbnail.stream).arrayBuffer());
  const smallKey = variantKey(storageKey, "small");
  await storage.put(smallKey, await narrower(bytes, SMALL_WIDTH), "image/webp");
  return storage.get(smallKey);
}

/**
 * Removes an upload's row and its files. The caller decides who may do this. The row goes first:
 * if that fails nothing changed, and a file left by a failed delete afterwards is only an orphan.
 */
export async function deleteUpload(id: string): Promise<void> {
  const row = await db.upload.findUnique({ where: { id }, select: { storageKey: true } });
  if (!row) throw new DomainError("upload.not_found");
  await db.upload.delete({ where: { id }, select: { id: true } });
  const storage = getStorage();
  await Promise.all(IMAGE_VARIANTS.map((variant) => storage.delete(variantKey(row.storageKey, variant))));
}

/**
 * Stores photos before the write that names them (files cannot join a transaction, and image work
 * is slow) and removes them again when the write fails, so a refused form leaves no orphan upload.
 */
export async function withStoredImages<T>(
  ownerId: string,
  files: readonly File[],
  write: (uploadIds: string[]) => Promise<T>,
): Promise<T> {
  const stored: string[] = [];
  try {
    for (const file of files) stored.push((await storeImage({ ownerId, file })).id);
    return await write(stored);
  } catch (error) {
    await Promise.allSettled(stored.map((id) => deleteUpload(id)));
    throw error;
  }
}

/** A smaller limit for one file field of a form (a voice note beside a photo), with its own refusal. */
export interface FileFieldLimit {
  maxBytes: number;
  tooLarge: DomainErrorCode;
}

/**
 * Reads a form that may carry files, holding at most `maxFiles` files of `maxFileBytes` each (or
 * the field's own limit in `fieldLimits`), and small text fields, in memory: reading stops at the
 * first part over a limit. An empty file input (no file chosen) is left out. A form without files
 * (urlencoded) is read as usual.
 */
export async function parseUploadForm(
  request: Request,
  {
    maxFiles,
    maxFileBytes,
    fieldLimits = {},
  }: { maxFiles: number; maxFileBytes: number; fieldLimits?: Record<string, FileFieldLimit> },
): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return request.formData();

  const readFile = createMemoryUploadHandler({ maxPartSize: maxFileBytes });
  const fieldReaders = new Map(
    Object.entries(fieldLimits).map(([name, limit]) => [
      name,
      { read: createMemoryUploadHandler({ maxPartSize: limit.maxBytes }), limit },
    ]),
  );
  const readText = createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  let files = 0;
  let textFields = 0;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      if (++textFields > MAX_TEXT_FIELDS) throw new DomainError("upload.field_too_large");
      return withSizeLimit(
        () => readText(part),
        () => new DomainError("upload.field_too_large"),
      );
    }
    // A named file beyond the limit is refused before a byte of it is read.
    if (part.filename !== "" && files >= maxFiles)
      throw new DomainError("upload.too_many", { max: maxFiles });
    const own = fieldReaders.get(part.name);
    const value = await withSizeLimit(
      () => (own ? own.read(part) : readFile(part)),
      () =>
        own
          ? new DomainError(own.limit.tooLarge, { mb: megabytes(own.limit.maxBytes) })
          : new DomainError("upload.too_large", { mb: megabytes(maxFileBytes) }),
    );
    if (value instanceof File && value.name === "" && value.size === 0) return undefined;
    if (++files > maxFiles) throw new DomainError("upload.too_many", { max: maxFiles });
    return value;
  };

  try {
    return await parseMultipartFormData(request, handler);
  } catch (error) {
    if (isDomainError(error)) throw error;
    // The parser throws plain errors for a broken body (a cut-off upload, a bad boundary).
    throw new DomainError("upload.malformed");
  }
}

async function withSizeLimit<T>(read: () => Promise<T>, refusal: () => DomainError): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw refusal();
    throw error;
  }
}

function megabytes(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

/**
 * Whether an upload belongs to something private — a chat image, delivered work, revenue
 * evidence — and so is served only through its owner's route, never by the public /uploads/:id.
 * One query over every private use, so a new private use is added here and nowhere else.
 */
export async function isPrivateUpload(id: string): Promise<boolean> {
  const [found, serviceLog, monitoring, financing, linkage, pairing] = await Promise.all([
    db.upload.findFirst({
      // Voice notes (the only audio) carry a farmer's voice: served by their need's route only.
      where: {
        id,
        OR: [
          { mimeType: { startsWith: "audio/" } },
          { messages: { some: {} } },
          { milestoneFiles: { some: {} } },
          { revenueEvidence: { some: {} } },
          { programmeEvidence: { some: {} } },
        ],
      },
      select: { id: true },
    }),
    // Photos from commissioners' field visits show farmers and their homes: logged-in users only.
    db.serviceLog.findFirst({ where: { photoIds: { has: id } }, select: { id: true } }),
    // Progress reports' receipts and site-visit photos: for the project and its overseers only.
    db.progressReport
      .findFirst({ where: { photoIds: { has: id } }, select: { id: true } })
      .then(
        async (report) =>
          report ?? db.siteVisit.findFirst({ where: { photoIds: { has: id } }, select: { id: true } }),
      ),
    // financing (issue 23): an outcome's evidence (a loan contract) is for its parties and overseers.
    db.financingOutcome.findFirst({ where: { evidenceUploadId: id }, select: { id: true } }),
    // Benefit-linkage payment evidence names households and amounts: the linkage's readers only.
    db.benefitPayment.findFirst({ where: { evidenceIds: { has: id } }, select: { id: true } }),
    // A pairing report's photos (villages, farmers at work): for the institution and the county.
    db.pairingReport.findFirst({ where: { photoIds: { has: id } }, select: { id: true } }),
  ]);
  return [found, serviceLog, monitoring, financing, linkage, pairing].some((row) => row !== null);
}

/**
 * A stored image for the people allowed to see it (chat images, delivered work): never kept by
 * shared caches. 404 when the file is gone.
 */
export async function privateImageResponse(uploadId: string, request: Request): Promise<Response> {
  const stored = await readUpload(uploadId, imageVariant(request.url));
  if (!stored) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(stored.stream, {
    headers: {
      "Cache-Control": "private, max-age=31536000, immutable",
      "Content-Type": stored.mimeType,
      "Content-Length": String(stored.size),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
