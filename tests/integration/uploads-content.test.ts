import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { translate } from "~/i18n/i18n";
import { MAX_AUDIO_BYTES } from "~/modules/uploads/limits";
import { storeAudio, storeImage } from "~/modules/uploads/uploads.server";
import { DomainError } from "~/utils/errors";
import { createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";

/*
 * Uploads are judged by their bytes, never by the name or the browser's type: what tests/
 * integration/uploads.test.ts does not cover already — disguised markup and scripts, polyglots,
 * decompression bombs, audio posing as a photo and the reverse — and that every refusal reads
 * in both languages.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "xk-uploads-content-"));
process.env.DATA_DIR = dataDir;

useTestDatabase();

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const text = (content: string) => new TextEncoder().encode(content);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const file = (bytes: Uint8Array, name: string, type: string) =>
  new File([new Uint8Array(bytes)], name, { type });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  const refused = error as DomainError;
  // Both languages have a real sentence for it, with its numbers filled in.
  for (const locale of ["zh", "en"] as const) {
    const message = translate(locale, refused.messageKey, refused.params);
    expect(message).not.toBe(refused.messageKey);
    expect(message).not.toMatch(/\{\w+\}/);
  }
  return refused;
}

const pngBytes = async (width = 40, height = 30) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: "#2a6" } })
      .png()
      .toBuffer(),
  );
/** A minimal WebM (EBML) header: what Chrome's recorder writes first. */
const webmHeader = Uint8Array.from([
  0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01,
]);

describe("storeImage judges a photo by its content", () => {
  it.each([
    ["HTML", "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"],
    [
      "SVG with a script",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    ],
    ["PHP", "<?php system($_GET['c']); ?>"],
  ])("refuses %s named photo.jpg and sent as image/jpeg, and stores nothing", async (_kind, content) => {
    const owner = await createUser();
    const error = await refusal(
      storeImage({ ownerId: owner.id, file: file(text(content), "photo.jpg", "image/jpeg") }),
    );
    expect(error).toMatchObject({ code: "upload.unsupported_type", status: 415, field: "photos" });
    expect(await db.upload.count({ where: { ownerId: owner.id } })).toBe(0);
  });

  it("refuses a polyglot: a JPEG signature in front of a script", async () => {
    const owner = await createUser();
    const polyglot = concat(
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]),
      text("<script>alert(1)</script><?php echo 1; ?>"),
    );
    const error = await refusal(
      storeImage({ ownerId: owner.id, file: file(polyglot, "photo.jpg", "image/jpeg") }),
    );
    expect(error.code).toBe("upload.unsupported_type");
  });

  it("keeps only the pixels of a real PNG with a script appended: the stored file is a fresh WebP", async () => {
    const owner = await createUser();
    const payload = "<script>alert('polyglot')</script>";
    const stored = await storeImage({
      ownerId: owner.id,
      file: file(concat(await pngBytes(), text(payload)), "photo.jpg", "image/jpeg"),
    });
    expect(stored).toMatchObject({ mimeType: "image/webp", width: 40, height: 30 });
    const { storageKey } = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { storageKey: true },
    });
    const written = await readFile(path.join(dataDir, "uploads", storageKey));
    expect(written.includes(payload)).toBe(false);
    expect((await sharp(written).metadata()).format).toBe("webp");
  });

  it("refuses a small file that declares a canvas too large to decode safely", async () => {
    const owner = await createUser();
    // 10 000 × 10 000 of one colour compresses to a few kilobytes but would decode to 300 MB.
    const bomb = new Uint8Array(
      await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#fff" } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusal(
      storeImage({ ownerId: owner.id, file: file(bomb, "photo.png", "image/png") }),
    );
    expect(error).toMatchObject({ code: "upload.too_many_pixels", status: 413, params: { megapixels: 64 } });
  });

  it("refuses a recording that claims to be image/jpeg", async () => {
    const owner = await createUser();
    const error = await refusal(
      storeImage({
        ownerId: owner.id,
        file: file(concat(webmHeader, new Uint8Array(200)), "photo.jpg", "image/jpeg"),
      }),
    );
    expect(error.code).toBe("upload.unsupported_type");
  });

  it.each([
    ["JPEG", "jpeg"],
    ["PNG", "png"],
    ["WebP", "webp"],
  ] as const)("accepts a real %s and stores it re-encoded as WebP", async (_kind, format) => {
    const owner = await createUser();
    // A marker in the EXIF block: a re-encoded file has none of the original's metadata.
    const original = new Uint8Array(
      await sharp({ create: { width: 120, height: 80, channels: 3, background: "#c63" } })
        .withExif({ IFD0: { ImageDescription: "xk-marker" } })
        .toFormat(format)
        .toBuffer(),
    );
    expect(Buffer.from(original).includes("xk-marker")).toBe(true);
    const stored = await storeImage({
      ownerId: owner.id,
      file: file(original, `field.${format}`, "application/octet-stream"),
    });
    expect(stored).toMatchObject({ mimeType: "image/webp", width: 120, height: 80 });
    const { storageKey } = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { storageKey: true },
    });
    const written = await readFile(path.join(dataDir, "uploads", storageKey));
    expect((await sharp(written).metadata()).format).toBe("webp");
    expect(written.includes("xk-marker")).toBe(false);
  });
});

describe("storeAudio judges a voice note by its content", () => {
  it.each([
    ["a photo", async () => pngBytes()],
    ["HTML", async () => text("<html><script>alert(1)</script></html>")],
  ])("refuses %s sent as audio/webm", async (_kind, bytes) => {
    const owner = await createUser();
    const error = await refusal(
      storeAudio({ ownerId: owner.id, file: file(await bytes(), "voice.webm", "audio/webm") }),
    );
    expect(error).toMatchObject({ code: "upload.audio_unsupported", status: 415 });
    expect(await db.upload.count({ where: { ownerId: owner.id } })).toBe(0);
  });

  it("refuses a recording over the size limit before reading it", async () => {
    const owner = await createUser();
    const error = await refusal(
      storeAudio({
        ownerId: owner.id,
        file: file(concat(webmHeader, new Uint8Array(MAX_AUDIO_BYTES)), "voice.webm", "audio/webm"),
      }),
    );
    expect(error).toMatchObject({ code: "upload.audio_too_large", status: 413, params: { mb: 2 } });
  });

  it("keeps a real WebM recording under its sniffed type, whatever the browser said", async () => {
    const owner = await createUser();
    const stored = await storeAudio({
      ownerId: owner.id,
      file: file(concat(webmHeader, new Uint8Array(64)), "voice.jpg", "image/jpeg"),
    });
    expect(stored.mimeType).toBe("audio/webm");
  });
});
