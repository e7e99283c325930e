import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./storage.server";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "xk-storage-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("LocalDiskStorage", () => {
  it("stores, streams and deletes a file, creating folders as needed", async () => {
    const storage = new LocalDiskStorage(path.join(root, "uploads"));
    await storage.put("images/ab/abc.webp", new Uint8Array([1, 2, 3]), "image/webp");
    expect(await readFile(path.join(root, "uploads/images/ab/abc.webp"))).toEqual(Buffer.from([1, 2, 3]));

    const stored = await storage.get("images/ab/abc.webp");
    expect(stored?.size).toBe(3);
    expect(new Uint8Array(await new Response(stored!.stream).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );

    await storage.delete("images/ab/abc.webp");
    expect(await storage.get("images/ab/abc.webp")).toBeNull();
    await expect(storage.delete("images/ab/abc.webp")).resolves.toBeUndefined();
  });

  it("refuses keys that could leave its folder", async () => {
    const storage = new LocalDiskStorage(path.join(root, "uploads"));
    for (const key of [
      "../secret",
      "images/../../x",
      "/etc/passwd",
      ".hidden",
      "a//b",
      "a\\b",
      "",
      "A.webp",
    ]) {
      expect(() => storage.pathOf(key), key).toThrow(/Invalid storage key/);
    }
    await expect(storage.put("../escape.webp", new Uint8Array([1]), "image/webp")).rejects.toThrow(
      /Invalid storage key/,
    );
  });
});
