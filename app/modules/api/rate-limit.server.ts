export const RATE_LIMIT = 120;
export const RATE_WINDOW_SECONDS = 60;

interface Window {
  startedAt: number;
  count: number;
}

// In memory: one server process today. Several processes would need a shared store (Redis).
const windows = new Map<string, Window>();

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/** Counts one request in the caller's fixed one-minute window. */
export function hitRateLimit(key: string, now = Date.now()): RateLimitResult {
  let window = windows.get(key);
  if (!window || now - window.startedAt >= RATE_WINDOW_SECONDS * 1000) {
    window = { startedAt: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  const reset = Math.max(1, Math.ceil((window.startedAt + RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  return { allowed: window.count <= RATE_LIMIT, remaining: Math.max(0, RATE_LIMIT - window.count), reset };
}

/** The IETF draft headers (draft-ietf-httpapi-ratelimit-headers) for a result. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    "RateLimit-Policy": `${RATE_LIMIT};w=${RATE_WINDOW_SECONDS}`,
    RateLimit: `limit=${RATE_LIMIT}, remaining=${result.remaining}, reset=${result.reset}`,
  };
}

export function resetRateLimits(): void {
  windows.clear();
}
