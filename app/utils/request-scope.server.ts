import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/**
 * What one HTTP request has already read, shared by every loader and action it runs. Remix hands
 * each route's loader its own copy of the Request (without `?index` and `?_routes`), so the Request
 * object cannot be the key; the server opens this scope around the whole request instead
 * (server/app.ts). Outside a scope (tests calling a loader directly) nothing is remembered.
 */
const scopes = singleton("request-scope", () => new AsyncLocalStorage<Map<string, unknown>>());

export function runInRequestScope<T>(handle: () => T): T {
  return scopes.run(new Map(), handle);
}

/** `read()` once per request and key; the same promise for every later caller in that request. */
export function oncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const scope = scopes.getStore();
  if (!scope) return read();
  let value = scope.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    scope.set(key, value);
  }
  return value;
}
