/**
 * A token bucket per connection: `burst` messages at once, then one every `refillMs`. Returns how
 * long to wait when the bucket is empty, so the client can say "wait N seconds".
 */
export interface RateLimiter {
  take(now?: number): { ok: true } | { ok: false; retryAfterMs: number };
}

export function createRateLimiter({
  burst,
  refillMs,
  now = Date.now(),
}: {
  burst: number;
  refillMs: number;
  now?: number;
}): RateLimiter {
  let tokens = burst;
  let updatedAt = now;
  return {
    take(now = Date.now()) {
      tokens = Math.min(burst, tokens + Math.max(0, now - updatedAt) / refillMs);
      updatedAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * refillMs) };
    },
  };
}
