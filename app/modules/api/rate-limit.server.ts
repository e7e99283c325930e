import { RateLimiterMemory } from "rate-limiter-flexible";
import type { createClient } from "redis";
import { getEnv } from "~/env.server";
import { count, redisLimiter, sharedRedisClient } from "~/utils/rate-limiter.server";
import { singleton } from "~/utils/singleton.server";

export const RATE_LIMIT = 120;
export const RATE_WINDOW_SECONDS = 60;

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/**
 * Where the per-client counters live: this process's memory (one app process, the default) or
 * Redis, shared by every app process behind a load balancer (RATE_LIMIT_STORE=redis).
 */
export interface RateLimitStore {
  /** Adds one request to `key`'s fixed window starting at `windowStart` (ms); returns the window's count. */
  increment(key: string, windowStart: number): Promise<number>;
  clear(): Promise<void>;
}

/**
 * The counts are rate-limiter-flexible's, one per client and window ("<client>:<window start>"):
 * keying by the window's start keeps the windows aligned to the clock, so RateLimit's `reset` is
 * the same on every process, and each count expires a second after its window.
 */
const COUNT_KEPT_SECONDS = RATE_WINDOW_SECONDS + 1;

export function memoryRateLimitStore(): RateLimitStore {
  const make = () =>
    new RateLimiterMemory({ keyPrefix: "api", points: RATE_LIMIT, duration: COUNT_KEPT_SECONDS });
  let counters = make();
  return {
    increment: (key, windowStart) => count(counters, `${key}:${windowStart}`),
    async clear() {
      counters = make();
    },
  };
}

type RedisClient = ReturnType<typeof createClient>;

/**
 * The same counts in Redis, shared by every process (each count one key under `prefix`, added to
 * atomically), with this process's memory standing in while Redis is unreachable.
 */
export function redisRateLimitStore(client: RedisClient, prefix = "xk:ratelimit:"): RateLimitStore {
  const counters = redisLimiter(client, {
    name: prefix,
    points: RATE_LIMIT,
    durationSeconds: COUNT_KEPT_SECONDS,
  });
  return {
    increment: (key, windowStart) => count(counters, `${key}:${windowStart}`),
    async clear() {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        if (keys.length > 0) await client.del(keys);
      }
    },
  };
}

function defaultStore(): RateLimitStore {
  const env = getEnv();
  if (env.RATE_LIMIT_STORE !== "redis") return singleton("rate-limit:memory", memoryRateLimitStore);
  const url = env.REDIS_URL!;
  return singleton(`rate-limit:redis-store:${url}`, () => redisRateLimitStore(sharedRedisClient(url)));
}

/** Counts one request in the caller's fixed one-minute window. */
export async function hitRateLimit(
  key: string,
  now = Date.now(),
  store: RateLimitStore = defaultStore(),
): Promise<RateLimitResult> {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const windowStart = now - (now % windowMs);
  const count = await store.increment(key, windowStart);
  const reset = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
  return { allowed: count <= RATE_LIMIT, remaining: Math.max(0, RATE_LIMIT - count), reset };
}

/** The IETF draft headers (draft-ietf-httpapi-ratelimit-headers) for a result. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    "RateLimit-Policy": `${RATE_LIMIT};w=${RATE_WINDOW_SECONDS}`,
    RateLimit: `limit=${RATE_LIMIT}, remaining=${result.remaining}, reset=${result.reset}`,
  };
}

export function resetRateLimits(): Promise<void> {
  return defaultStore().clear();
}
