import { mkdtempSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as uploadLoader } from "~/routes/site/uploads.$id";
import { getStorage, type LocalDiskStorage } from "~/modules/uploads/storage.server";
import { MAX_IMAGE_BYTES, deleteUpload, parseUploadForm, storeImage } from "~/modules/uploads/uploads.server";
import { DomainError } from "~/utils/errors";
import { createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";

// This file's uploads go to a folder of its own; the environment is read at first use, not on import.
const dataDir = mkdtempSync(path.join(tmpdir(), "xk-uploads-"));
process.env.DATA_DIR = dataDir;
const uploadsDir = path.join(dataDir, "uploads");

useTestDatabase();

beforeAll(() => {
  expect((getStorage() as LocalDiskStorage).pathOf("probe")).toBe(path.join(uploadsDir, "probe"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(uploadsDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function imageFile(bytes: Uint8Array, name: string, type = "image/png") {
  return new File([new Uint8Array(bytes)], name, { type });
}

async function png(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function bodyOf(response: Response) {
  return new Uint8Array(await response.arrayBuffer());
}

const loaderArgs = (id: string, query = "", headers: Record<string, string> = {}) => ({
  request: new Request(`http://localhost:3000/uploads/${id}${query}`, { headers }),
  params: { id },
  context: { cspNonce: "test", clientIp: "10.1.0.1" },
});

describe("storeImage", () => {
  it("stores a large PNG as a WebP within 1600 px, with a thumbnail and a row", async () => {
    const owner = await createUser();
    const stored = await storeImage({
      ownerId: owner.id,
      file: imageFile(await png(3000, 2000), "field.png"),
    });

    expect(stored).toMatchObject({ width: 1600, height: 1067, mimeType: "image/webp" });
    const row = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { ownerId: true, storageKey: true, mimeType: true, bytes: true, width: true, height: true },
    });
    expect(row).toMatchObject({
      ownerId: owner.id,
      mimeType: "image/webp",
      bytes: stored.bytes,
      width: 1600,
      height: 1067,
    });

    const full = await sharp(path.join(uploadsDir, row.storageKey)).metadata();
    expect(full).toMatchObject({ format: "webp", width: 1600, height: 1067 });
    const thumbnail = await sharp(
      path.join(uploadsDir, row.storageKey.replace(/\.webp$/, ".thumb.webp")),
    ).metadata();
    expect(thumbnail).toMatchObject({ format: "webp", width: 400, height: 267 });
    const small = await sharp(
      path.join(uploadsDir, row.storageKey.replace(/\.webp$/, ".small.webp")),
    ).metadata();
    expect(small).toMatchObject({ format: "webp", width: 200, height: 134 });
  });

  it("does not enlarge a small photo", async () => {
    const owner = await createUser();
    const stored = await storeImage({ ownerId: owner.id, file: imageFile(await png(300, 200), "small.png") });
    expect(stored).toMatchObject({ width: 300, height: 200 });
  });

  it("turns a photo upright and strips its EXIF metadata, GPS position included", async () => {
    const owner = await createUser();
    const jpeg = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#963" } })
      .jpeg()
      .withExif({
        IFD0: { ImageDescription: "farm-secret" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "34/1 37/1 12/1" },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const input = await sharp(jpeg).metadata();
    expect(input.exif?.includes("farm-secret")).toBe(true);
    expect(input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer tag

    const stored = await storeImage({
      ownerId: owner.id,
      file: imageFile(jpeg, "IMG_0001.jpg", "image/jpeg"),
    });
    const { storageKey } = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { storageKey: true },
    });
    const output = await sharp(path.join(uploadsDir, storageKey)).metadata();
    expect(output).toMatchObject({ width: 100, height: 200 });
    expect(output.exif).toBeUndefined();
    expect(output.orientation).toBeUndefined();
    expect(output.xmp).toBeUndefined();
  });

  it("refuses a text file named photo.jpg and leaves no file and no row", async () => {
    const owner = await createUser();
    const before = await filesOnDisk();
    const error = await rejection(
      storeImage({
        ownerId: owner.id,
        file: new File(["just some words"], "photo.jpg", { type: "image/jpeg" }),
      }),
    );
    expect(error.code).toBe("upload.unsupported_type");
    expect(error.status).toBe(415);
    expect(await filesOnDisk()).toEqual(before);
    expect(await db.upload.count({ where: { ownerId: owner.id } })).toBe(0);
  });

  it("refuses a PNG that is cut off, which sharp cannot decode", async () => {
    const owner = await createUser();
    const whole = await sharp({
      create: {
        width: 400,
        height: 400,
        channels: 3,
        background: "#000",
        noise: { type: "gaussian", mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    const error = await rejection(
      storeImage({ ownerId: owner.id, file: imageFile(whole.subarray(0, whole.length / 2), "cut.png") }),
    );
    expect(error.code).toBe("upload.unsupported_type");
  });

  it("refuses an empty file and a file over 8 MiB before decoding it", async () => {
    const owner = await createUser();
    expect((await rejection(storeImage({ ownerId: owner.id, file: new File([], "empty.png") }))).code).toBe(
      "upload.empty",
    );
    const huge = new File([await png(10, 10), new Uint8Array(MAX_IMAGE_BYTES)], "huge.png", {
      type: "image/png",
    });
    const error = await rejection(storeImage({ ownerId: owner.id, file: huge }));
    expect(error).toMatchObject({
      code: "upload.too_large",
      status: 413,
      field: "photos",
      params: { mb: 8 },
    });
  });

  it("removes the stored files again when the row cannot be written", async () => {
    const before = await filesOnDisk();
    // No such user: the foreign key refuses the row after both files were written.
    await expect(
      storeImage({ ownerId: "no-such-user", file: imageFile(await png(50, 50), "a.png") }),
    ).rejects.toThrow();
    expect(await filesOnDisk()).toEqual(before);
  });
});

describe("deleteUpload", () => {
  it("removes the row and its three files", async () => {
    const owner = await createUser();
    const before = await filesOnDisk();
    const stored = await storeImage({ ownerId: owner.id, file: imageFile(await png(60, 60), "a.png") });
    expect((await filesOnDisk()).length).toBe(before.length + 3);
    await deleteUpload(stored.id);
    expect(await db.upload.findUnique({ where: { id: stored.id }, select: { id: true } })).toBeNull();
    expect(await filesOnDisk()).toEqual(before);
    expect((await rejection(deleteUpload(stored.id))).code).toBe("upload.not_found");
  });
});

describe("parseUploadForm", () => {
  const post = (body: FormData | URLSearchParams) =>
    new Request("http://localhost:3000/needs/new", { method: "POST", body });
  const limits = { maxFiles: 2, maxFileBytes: 1000 };

  it("reads text fields and files", async () => {
    const form = new FormData();
    form.append("title", "香菇大棚控温");
    form.append("photos", new File([new Uint8Array(900)], "a.jpg", { type: "image/jpeg" }));
    const parsed = await parseUploadForm(post(form), limits);
    expect(parsed.get("title")).toBe("香菇大棚控温");
    const photos = parsed.getAll("photos");
    expect(photos).toHaveLength(1);
    expect(photos[0]).toBeInstanceOf(File);
    expect((photos[0] as File).size).toBe(900);
  });

  it("leaves out a file input where nothing was chosen", async () => {
    // What a browser sends for an empty <input type="file">: a part with an empty file name.
    const boundary = "----xk-test-boundary";
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      "",
      "苹果套袋",
      `--${boundary}`,
      'Content-Disposition: form-data; name="photos"; filename=""',
      "Content-Type: application/octet-stream",
      "",
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const request = new Request("http://localhost:3000/needs/new", {
      method: "POST",
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    const parsed = await parseUploadForm(request, limits);
    expect(parsed.get("title")).toBe("苹果套袋");
    expect(parsed.has("photos")).toBe(false);
  });

  it("answers a cut-off upload as malformed", async () => {
    const request = new Request("http://localhost:3000/needs/new", {
      method: "POST",
      body: '--b\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\nhalf a pho',
      headers: { "content-type": "multipart/form-data; boundary=b" },
    });
    expect((await rejection(parseUploadForm(request, limits))).code).toBe("upload.malformed");
  });

  it("refuses more files than allowed", async () => {
    const form = new FormData();
    for (const name of ["a.jpg", "b.jpg", "c.jpg"])
      form.append("photos", new File([new Uint8Array(10)], name));
    const error = await rejection(parseUploadForm(post(form), limits));
    expect(error).toMatchObject({
      code: "upload.too_many",
      status: 400,
      field: "photos",
      params: { max: 2 },
    });
  });

  it("refuses a file larger than the limit", async () => {
    const form = new FormData();
    form.append("photos", new File([new Uint8Array(1001)], "big.jpg"));
    const error = await rejection(parseUploadForm(post(form), limits));
    expect(error).toMatchObject({ code: "upload.too_large", status: 413, field: "photos" });
  });

  it("refuses an oversized text field", async () => {
    const form = new FormData();
    form.append("description", "长".repeat(40_000));
    expect((await rejection(parseUploadForm(post(form), limits))).code).toBe("upload.field_too_large");
  });

  it("reads an ordinary urlencoded form", async () => {
    const parsed = await parseUploadForm(post(new URLSearchParams({ title: "苹果套袋" })), limits);
    expect(parsed.get("title")).toBe("苹果套袋");
  });
});

describe("the /uploads/:id route", () => {
  it("streams the stored photo and its thumbnail with long-lived cache headers", async () => {
    const owner = await createUser();
    const stored = await storeImage({ ownerId: owner.id, file: imageFile(await png(800, 600), "a.png") });
    const { storageKey } = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { storageKey: true },
    });

    const response = await uploadLoader(loaderArgs(stored.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(stored.bytes));
    const stream = await getStorage().get(storageKey);
    expect(await bodyOf(response)).toEqual(await bodyOf(new Response(stream!.stream)));

    const thumb = await uploadLoader(loaderArgs(stored.id, "?v=thumb"));
    expect(await sharp(await bodyOf(thumb)).metadata()).toMatchObject({
      format: "webp",
      width: 400,
      height: 300,
    });
  });

  it("serves the 200 px copy, making it on first asking for a photo stored before it existed", async () => {
    const owner = await createUser();
    const stored = await storeImage({ ownerId: owner.id, file: imageFile(await png(800, 600), "a.png") });
    const { storageKey } = await db.upload.findUniqueOrThrow({
      where: { id: stored.id },
      select: { storageKey: true },
    });
    const smallKey = storageKey.replace(/\.webp$/, ".small.webp");
    await getStorage().delete(smallKey);

    const small = await uploadLoader(loaderArgs(stored.id, "?v=small"));
    expect(small.headers.get("etag")).toBe(`"${stored.id}-small"`);
    expect(await sharp(await bodyOf(small)).metadata()).toMatchObject({
      format: "webp",
      width: 200,
      height: 150,
    });
    expect(await getStorage().get(smallKey)).not.toBeNull();
  });

  it("answers a revalidation with 304", async () => {
    const owner = await createUser();
    const stored = await storeImage({ ownerId: owner.id, file: imageFile(await png(20, 20), "a.png") });
    const first = await uploadLoader(loaderArgs(stored.id));
    await first.body?.cancel();
    const again = await uploadLoader(
      loaderArgs(stored.id, "", { "if-none-match": first.headers.get("etag")! }),
    );
    expect(again.status).toBe(304);
  });

  it("answers 404 for an unknown id", async () => {
    const response = await uploadLoader(loaderArgs("no-such-upload")).catch((thrown: unknown) => thrown);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });
});
