import { createClient } from "redis";
import { getEnv } from "~/env.server";
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

export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { windowStart: number; count: number }>();
  return {
    async increment(key, windowStart) {
      let window = windows.get(key);
      if (!window || window.windowStart !== windowStart) {
        window = { windowStart, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count;
    },
    async clear() {
      windows.clear();
    },
  };
}

type RedisClient = ReturnType<typeof createClient>;

/**
 * One Redis key per client and window ("<prefix><client>:<window start>"), counted with INCR and
 * expiring with the window, so every process sees the same count and old windows clean themselves up.
 */
export function redisRateLimitStore(client: RedisClient, prefix = "xk:ratelimit:"): RateLimitStore {
  return {
    async increment(key, windowStart) {
      const name = `${prefix}${key}:${windowStart}`;
      const [count] = await client
        .multi()
        .incr(name)
        .pExpire(name, RATE_WINDOW_SECONDS * 1000 + 1000)
        .exec();
      return Number(count);
    },
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
  return singleton(`rate-limit:redis:${url}`, () => {
    const client = createClient({ url });
    client.on("error", (error: unknown) => console.error("redis (rate limit) error", error));
    void client.connect();
    return redisRateLimitStore(client);
  });
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
