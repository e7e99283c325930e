import { createHash } from "node:crypto";
import { data, redirect, type ActionFunction, type ServerBuild } from "@remix-run/node";
import { readSessionId } from "~/modules/users/session.server";
import {
  SUBMISSION_FIELD,
  SubmissionKeySchema,
  claimSubmission,
  hashSession,
  recordOutcome,
  releaseSubmission,
  type SubmissionOutcome,
} from "./submissions.server";

/** The key is the form's first field, so it stands in the first bytes of the body. */
const PEEK_BYTES = 4096;
/** Only the toast travels with a repeated answer; a login's session cookie is never kept. */
const KEPT_COOKIE = /^xk_toast=/;

const URLENCODED_KEY = new RegExp(`(?:^|&)${SUBMISSION_FIELD}=([^&]*)`);
// The part's header lines (never empty), the empty line, then the value.
const MULTIPART_KEY = new RegExp(
  `name="${SUBMISSION_FIELD}"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([^\\r\\n]*)\\r\\n`,
);

/**
 * The submission key of a form POST, read from the start of a copy of the body (the action still
 * reads the whole body itself); null when the request carries none.
 */
export async function peekSubmissionKey(request: Request): Promise<string | null> {
  return (await peekSubmission(request))?.key ?? null;
}

/**
 * The key and a fingerprint of what the form says (the start of its body, without the multipart
 * boundary a browser draws anew for every submission): a repeat carries both unchanged.
 */
export async function peekSubmission(request: Request): Promise<{ key: string; fingerprint: string } | null> {
  const type = request.headers.get("content-type") ?? "";
  const urlencoded = /^application\/x-www-form-urlencoded\b/i.test(type);
  if (!request.body || (!urlencoded && !/^multipart\/form-data\b/i.test(type))) return null;
  const body = request.clone().body;
  if (!body) return null;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < PEEK_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const found = (urlencoded ? URLENCODED_KEY : MULTIPART_KEY).exec(text)?.[1];
  if (found === undefined) return null;
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const fingerprint = createHash("sha256")
    .update(boundary ? text.split(boundary).join("") : text)
    .digest("base64url");
  let key = found;
  if (urlencoded) {
    try {
      key = decodeURIComponent(found.replace(/\+/g, " "));
    } catch {
      return null;
    }
  }
  const parsed = SubmissionKeySchema.safeParse(key);
  return parsed.success ? { key: parsed.data, fingerprint } : null;
}

/** The page a form posted from: single-fetch requests carry `.data` in their path. */
export function pagePath(url: URL): string {
  const path = url.pathname === "/_root.data" ? "/" : url.pathname.replace(/\.data$/, "");
  const search = new URLSearchParams(url.search);
  search.delete("_data");
  search.delete("_routes");
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

function isJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => item === undefined || isJson(item));
}

function keptCookies(headers: Headers): string[] {
  return headers.getSetCookie().filter((cookie) => KEPT_COOKIE.test(cookie));
}

interface DataWithInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

function isDataWithInit(value: unknown): value is DataWithInit {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

/** What to keep of an action's answer; null for a refusal, which frees the key for a new try. */
export async function outcomeOf(result: unknown): Promise<SubmissionOutcome | null> {
  if (result instanceof Response) {
    const cookies = keptCookies(result.headers);
    const location = result.headers.get("location");
    if (result.status >= 300 && result.status < 400 && location) {
      return { kind: "redirect", status: result.status, location, cookies };
    }
    if (result.status >= 400) return null;
    const body = await result.clone().text();
    return {
      kind: "response",
      status: result.status,
      contentType: result.headers.get("content-type"),
      body,
      cookies,
    };
  }
  const status = isDataWithInit(result) ? (result.init?.status ?? 200) : 200;
  if (status >= 400) return null;
  const value = isDataWithInit(result) ? result.data : result;
  const cookies = isDataWithInit(result) ? keptCookies(new Headers(result.init?.headers)) : [];
  if (value === undefined) return { kind: "data", status, data: null, cookies };
  return isJson(value) ? { kind: "data", status, data: value as never, cookies } : { kind: "reload" };
}

export function replay(outcome: SubmissionOutcome, path: string) {
  if (outcome.kind === "reload") return redirect(path, 303);
  const headers = new Headers();
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie);
  headers.set("X-Submission-Replayed", "1");
  switch (outcome.kind) {
    case "redirect":
      return redirect(outcome.location, { status: outcome.status, headers });
    case "response":
      if (outcome.contentType) headers.set("Content-Type", outcome.contentType);
      return new Response(outcome.body, { status: outcome.status, headers });
    case "data":
      return data(outcome.data, { status: outcome.status, headers });
  }
}

/**
 * Keeps the outcome (or frees the key). The action has already happened: if the database cannot
 * take the note, its answer still goes out, and the key's lease runs out on its own.
 */
async function settle(key: string, outcome: SubmissionOutcome | null): Promise<void> {
  const write = outcome ? recordOutcome(key, outcome) : releaseSubmission(key);
  await write.catch(() => undefined);
}

/** Runs a route action at most once per submission key; a repeat answers with the first outcome. */
export function guardAction(action: ActionFunction): ActionFunction {
  return async (args) => {
    const peeked = await peekSubmission(args.request);
    if (!peeked) return action(args);
    const { key, fingerprint } = peeked;
    const sessionHash = hashSession(await readSessionId(args.request.headers.get("cookie")));
    const path = pagePath(new URL(args.request.url));
    const claim = await claimSubmission(key, sessionHash, path, fingerprint);
    if (claim.kind === "repeat") return replay(claim.outcome, path);
    if (claim.kind === "unguarded") return action(args);
    let result: unknown;
    try {
      result = await action(args);
    } catch (thrown) {
      // A thrown redirect is an answer like a returned one; anything else frees the key.
      await settle(key, thrown instanceof Response ? await outcomeOf(thrown) : null);
      throw thrown;
    }
    await settle(key, await outcomeOf(result));
    return result;
  };
}

const guarded = new WeakMap<ServerBuild, ServerBuild>();

/** The build with every route action guarded; the same object for the same build. */
export function guardBuildActions(build: ServerBuild): ServerBuild {
  const known = guarded.get(build);
  if (known) return known;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action;
      return [id, action ? { ...route, module: { ...route.module, action: guardAction(action) } } : route];
    }),
  );
  const result: ServerBuild = { ...build, routes };
  guarded.set(build, result);
  return result;
}
