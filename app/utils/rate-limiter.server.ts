import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { getEnv } from "~/env.server";
import { singleton } from "./singleton.server";

type RedisClient = ReturnType<typeof createClient>;

export interface LimiterOptions {
  /** Names the counters in the store: one name per limit. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * The counters of one limit in Redis, shared by every app process. When Redis does not answer,
 * this process counts in memory instead (the insurance limiter), so a Redis outage loosens the
 * limit to one per process rather than failing logins and API calls.
 */
export function redisLimiter(client: RedisClient, { name, points, durationSeconds }: LimiterOptions) {
  return new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    // Without it, node-redis queues commands while it reconnects and the request waits for Redis.
    rejectIfRedisNotReady: true,
    keyPrefix: name,
    points,
    duration: durationSeconds,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
  });
}

/** One Redis connection per process for every limit. */
export function sharedRedisClient(url: string): RedisClient {
  return singleton(`rate-limit:redis:${url}`, () => {
    const client = createClient({ url });
    client.on("error", (error: unknown) => console.error("redis (rate limit) error", error));
    void client.connect();
    return client;
  });
}

/**
 * One limit's counters, where RATE_LIMIT_STORE says: this process's memory (the default, one app
 * process) or Redis (several processes behind a load balancer). Kept per process, so the
 * counts survive Vite's module reloads in development.
 */
export function limiter(options: LimiterOptions): RateLimiterAbstract {
  const env = getEnv();
  if (env.RATE_LIMIT_STORE !== "redis")
    return singleton(`rate-limit:memory:${options.name}`, () => {
      const { name, points, durationSeconds } = options;
      return new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
    });
  const url = env.REDIS_URL!;
  return singleton(`rate-limit:redis:${url}:${options.name}`, () =>
    redisLimiter(sharedRedisClient(url), options),
  );
}

/** Counts one more event for `key` and returns how many its window holds now. */
export async function count(limit: RateLimiterAbstract, key: string): Promise<number> {
  return (await limit.penalty(key, 1)).consumedPoints;
}

/** How long `key` stays at or over the limit's points, in ms; 0 when it is under. */
export async function blockedFor(limit: RateLimiterAbstract, key: string): Promise<number> {
  const state = await limit.get(key);
  return state && state.consumedPoints >= limit.points ? Math.max(1, state.msBeforeNext) : 0;
}
