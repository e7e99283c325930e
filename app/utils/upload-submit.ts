import { redirect, redirectDocument, type ClientActionFunctionArgs } from "@remix-run/react";
import { decode } from "turbo-stream";
import { SUBMISSION_FIELD } from "~/modules/submissions/submission-field";
import { carriesFiles, sendForm, shrinkPhotos } from "./upload-client";

/*
 * A form with photos or a voice note, sent the way a weak link needs (docs/decisions/025).
 *
 * A route whose action takes files exports `clientAction = uploadingClientAction`. With
 * JavaScript, Remix hands it the submission: the photos are shrunk on the phone, the body goes
 * out by XMLHttpRequest (fetch cannot report upload progress) to the route's single-fetch URL —
 * the request Remix itself would have made — and the answer is decoded and handed back to Remix,
 * which follows a redirect or shows the action's data (field errors, the informant's claim code)
 * as it does for any form. When the link drops or stalls, the form stays as typed and the upload
 * waits for 重试, which sends the very same body with the same one-time key: the server acts once
 * (app/modules/submissions). Without JavaScript none of this runs and the plain form posts.
 */

export type UploadState =
  | { phase: "preparing" }
  | { phase: "sending"; sent: number; total: number }
  | { phase: "dropped"; sent: number; total: number };

const states = new Map<string, UploadState>();
const retries = new Map<string, () => void>();
const listeners = new Set<() => void>();

function setState(key: string, state: UploadState | null) {
  if (state) states.set(key, state);
  else states.delete(key);
  listeners.forEach((listener) => listener());
}

export function subscribeUploads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where the upload of the form showing with this submission key stands; none when idle. */
export function uploadStateOf(key: string): UploadState | undefined {
  return states.get(key);
}

/** The person tapped 重试: the dropped upload goes out again. */
export function retryUpload(key: string): void {
  retries.get(key)?.();
}

function retryTapped(key: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      retries.delete(key);
      signal.removeEventListener("abort", done);
      resolve();
    };
    retries.set(key, done);
    signal.addEventListener("abort", done);
  });
}

/** The single-fetch URL Remix posts a form to (`/needs/new` → `/needs/new.data`). */
export function singleFetchUrl(pageUrl: string): string {
  const url = new URL(pageUrl, "http://localhost");
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return url.pathname + url.search;
}

type Decoded =
  | { redirect: string; status: number; revalidate: boolean; reload: boolean; replace: boolean }
  | { error: unknown }
  | { data: unknown };

/** An error response thrown by the action (a 403, a 404), as Remix carries it. */
class ThrownResponse {
  constructor(
    readonly data: unknown,
    readonly status: number,
    readonly statusText: string,
  ) {}
}

/**
 * The action's answer, decoded the way Remix's single fetch decodes it (turbo-stream); null when
 * the body is not one (a proxy's error page, a body cut short): the upload is then tried again.
 */
export async function decodeAnswer(body: Blob): Promise<Decoded | null> {
  try {
    const decoded = await decode(body.stream(), {
      plugins: [
        (type, ...rest) => {
          if (type === "SanitizedError") return { value: new Error(String(rest[1])) };
          if (type === "ErrorResponse") {
            const [payload, status, statusText] = rest as [unknown, number, string];
            return { value: new ThrownResponse(payload, status, statusText) };
          }
          return undefined;
        },
        (type, value) => {
          if (type === "SingleFetchFallback") return { value: undefined };
          if (type === "SingleFetchClassInstance") return { value };
          return undefined;
        },
      ],
    });
    await decoded.done;
    const value = decoded.value;
    if (typeof value !== "object" || value === null) return null;
    return "redirect" in value || "error" in value || "data" in value ? (value as Decoded) : null;
  } catch {
    return null;
  }
}

/** What Remix does with a decoded answer: follow the redirect, show the data, or throw the error. */
function settle(answer: Decoded) {
  if ("redirect" in answer) {
    if (answer.reload) return redirectDocument(answer.redirect);
    const headers: Record<string, string> = {};
    if (answer.revalidate) headers["X-Remix-Revalidate"] = "yes";
    if (answer.replace) headers["X-Remix-Replace"] = "yes";
    return redirect(answer.redirect, { status: answer.status, headers });
  }
  if ("error" in answer) {
    const error = answer.error;
    if (!(error instanceof ThrownResponse)) throw error;
    throw new Response(JSON.stringify(error.data), {
      status: error.status,
      statusText: error.statusText,
      headers: { "Content-Type": "application/json" },
    });
  }
  // Plain data, as a clientAction returns it (Remix wraps it in data() itself).
  return answer.data;
}

/** A route's clientAction for a form that carries photos or a voice note. */
export async function uploadingClientAction({ request, serverAction }: ClientActionFunctionArgs) {
  if (!/^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "")) return serverAction();
  const form = await request.clone().formData();
  const key = form.get(SUBMISSION_FIELD);
  if (typeof key !== "string" || !carriesFiles(form)) return serverAction();
  setState(key, { phase: "preparing" });
  try {
    const body = await shrinkPhotos(form);
    const url = singleFetchUrl(request.url);
    let progress = { sent: 0, total: 0 };
    for (;;) {
      const answer = await sendForm(url, body, {
        signal: request.signal,
        onProgress: (sent, total) => {
          progress = { sent, total };
          setState(key, { phase: "sending", ...progress });
        },
      });
      // The person left the page: Remix has dropped this submission already.
      if (request.signal.aborted) return null;
      const decoded = answer.kind === "answered" ? await decodeAnswer(answer.body) : null;
      if (decoded) return settle(decoded);
      setState(key, { phase: "dropped", ...progress });
      await retryTapped(key, request.signal);
      if (request.signal.aborted) return null;
    }
  } finally {
    setState(key, null);
  }
}
