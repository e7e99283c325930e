import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffImageType, uploadUrl } from "./uploads.server";

const red = { create: { width: 8, height: 8, channels: 3 as const, background: "#c00" } };

describe("sniffImageType", () => {
  it("recognises real JPEG, PNG and WebP files by their content", async () => {
    expect(sniffImageType(await sharp(red).jpeg().toBuffer())).toBe("image/jpeg");
    expect(sniffImageType(await sharp(red).png().toBuffer())).toBe("image/png");
    expect(sniffImageType(await sharp(red).webp().toBuffer())).toBe("image/webp");
  });

  it("refuses a PDF", () => {
    expect(
      sniffImageType(new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")),
    ).toBeNull();
  });

  it("refuses an HTML page whatever its file is called", async () => {
    const file = new File(["<!doctype html><script>alert(1)</script>"], "photo.jpg", { type: "image/jpeg" });
    expect(sniffImageType(new Uint8Array(await file.arrayBuffer()))).toBeNull();
  });

  it("refuses a file cut off inside its signature, and an empty one", async () => {
    const png = await sharp(red).png().toBuffer();
    const webp = await sharp(red).webp().toBuffer();
    expect(sniffImageType(png.subarray(0, 5))).toBeNull();
    expect(sniffImageType(webp.subarray(0, 10))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it("refuses a RIFF file that is not WebP (a WAV sound)", () => {
    const wav = new TextEncoder().encode("RIFF\x24\x00\x00\x00WAVEfmt ");
    expect(sniffImageType(wav)).toBeNull();
  });
});

describe("uploadUrl", () => {
  it("points at the full photo or its thumbnail", () => {
    expect(uploadUrl("ck123")).toBe("/uploads/ck123");
    expect(uploadUrl("ck123", "thumb")).toBe("/uploads/ck123?v=thumb");
  });
});
