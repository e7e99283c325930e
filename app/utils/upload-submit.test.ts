import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { encode } from "turbo-stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import {
  decodeAnswer,
  retryUpload,
  singleFetchUrl,
  subscribeUploads,
  uploadStateOf,
  uploadingClientAction,
} from "./upload-submit";

async function turbo(value: unknown, errorResponse?: [unknown, number, string]): Promise<Blob> {
  const marker = { errorResponse: true };
  const stream = encode(errorResponse ? { error: marker } : value, {
    plugins: [(item) => (item === marker && errorResponse ? ["ErrorResponse", ...errorResponse] : undefined)],
  });
  return new Response(stream).blob();
}

/** A stand-in for the browser's XMLHttpRequest; each test says how every send goes. */
class FakeRequest {
  static sent: FormData[] = [];
  static answers: (Blob | "drop")[] = [];
  upload: { onprogress?: (event: object) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  status = 0;
  response: Blob | null = null;
  responseType = "";
  timeout = 0;
  open() {}
  setRequestHeader() {}
  getResponseHeader() {
    return null;
  }
  abort() {
    this.onabort?.();
  }
  send(body: FormData) {
    FakeRequest.sent.push(body);
    const answer = FakeRequest.answers.shift();
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
      if (answer === "drop" || !answer) return this.onerror?.();
      this.upload.onload?.();
      this.status = 202;
      this.response = answer;
      this.onload?.();
    });
  }
}

function photoForm(key: string): Request {
  const form = new FormData();
  form.append("_submission", key);
  form.append("title", "青贮饲料霉变");
  form.append("photos", new File([new Uint8Array(2048)], "field.jpg", { type: "image/jpeg" }));
  return new Request("http://localhost/needs/new", { method: "POST", body: form });
}

function args(request: Request, serverAction = vi.fn()): ClientActionFunctionArgs {
  return { request, params: {}, serverAction } as unknown as ClientActionFunctionArgs;
}

describe("the upload of a form with files", () => {
  beforeEach(() => {
    FakeRequest.sent = [];
    FakeRequest.answers = [];
    vi.stubGlobal("XMLHttpRequest", FakeRequest);
    vi.stubGlobal("window", new EventTarget());
  });
  afterEach(() => vi.unstubAllGlobals());

  it("posts to the route's single-fetch URL, as Remix would", () => {
    expect(singleFetchUrl("http://localhost/needs/new")).toBe("/needs/new.data");
    expect(singleFetchUrl("http://localhost/needs/abc/edit/")).toBe("/needs/abc/edit.data");
    expect(singleFetchUrl("http://localhost/?index")).toBe("/_root.data?index");
  });

  it("reads a redirect, action data and a thrown error response; anything else is no answer", async () => {
    const redirect = { redirect: "/needs/n1", status: 302, revalidate: false, reload: false, replace: false };
    expect(await decodeAnswer(await turbo(redirect))).toEqual(redirect);
    const refused = { data: { status: "error", error: { title: ["needs.errors.title_length"] } } };
    expect(await decodeAnswer(await turbo(refused))).toEqual(refused);
    const thrown = await decodeAnswer(await turbo(null, ["Forbidden", 403, "Forbidden"]));
    expect(thrown).toMatchObject({ error: { data: "Forbidden", status: 403 } });
    expect(await decodeAnswer(new Blob(["<html>502 Bad Gateway</html>"]))).toBeNull();
  });

  it("after a drop waits for 重试, then sends the very same body with the same key", async () => {
    const key = "seed.page.form1-retry";
    const redirect = { redirect: "/needs/n1", status: 302, revalidate: false, reload: false, replace: false };
    FakeRequest.answers = ["drop", await turbo(redirect)];
    const dropped = new Promise<void>((resolve) => {
      const stop = subscribeUploads(() => {
        if (uploadStateOf(key)?.phase !== "dropped") return;
        stop();
        resolve();
      });
    });
    const answer = uploadingClientAction(args(photoForm(key)));
    await dropped;
    expect(FakeRequest.sent).toHaveLength(1);
    retryUpload(key);
    const response = (await answer) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/needs/n1");
    expect(FakeRequest.sent).toHaveLength(2);
    expect(FakeRequest.sent[1]).toBe(FakeRequest.sent[0]);
    expect(FakeRequest.sent[0]!.get("_submission")).toBe(key);
    expect(uploadStateOf(key)).toBeUndefined();
  });

  it("hands a form without files to Remix's own submission", async () => {
    const form = new FormData();
    form.append("_submission", "seed.page.form1-nofile");
    form.append("photos", new File([], ""));
    const serverAction = vi.fn().mockResolvedValue({ ok: true });
    const request = new Request("http://localhost/needs/new", { method: "POST", body: form });
    expect(await uploadingClientAction(args(request, serverAction))).toEqual({ ok: true });
    expect(FakeRequest.sent).toHaveLength(0);
  });
});

describe("routes that take files", () => {
  const routes = path.resolve(import.meta.dirname, "../routes");
  const readsFiles = /\b(parseUploadForm|readPhotoForm|readNeedForm|readProxyNeedForm)\(/;
  // Chat sends its photos through its own outbox (app/modules/chat/chat-client.ts).
  const ownUploader = new Set(["messages/messages.$id.tsx"]);

  /** A route's source with the `+helpers.server.ts` beside it that it imports. */
  function sourceOf(file: string): string {
    const source = readFileSync(file, "utf8");
    const helpers = [...source.matchAll(/from "\.\/(\+[\w-]+\.server)"/g)].map((match) =>
      readFileSync(path.join(path.dirname(file), `${match[1]}.ts`), "utf8"),
    );
    return [source, ...helpers].join("\n");
  }

  it("send them with the upload client action (shrinking, progress, 重试)", () => {
    const routeFiles = readdirSync(routes, { recursive: true, encoding: "utf8" }).filter(
      (file) => /\.tsx?$/.test(file) && !/(\.test\.|\/\+)/.test(file),
    );
    const takingFiles = routeFiles.filter((file) => readsFiles.test(sourceOf(path.join(routes, file))));
    expect(takingFiles.length).toBeGreaterThanOrEqual(9);
    const missing = takingFiles.filter(
      (file) =>
        !ownUploader.has(file) &&
        !readFileSync(path.join(routes, file), "utf8").includes("uploadingClientAction as clientAction"),
    );
    expect(missing).toEqual([]);
  });
});
