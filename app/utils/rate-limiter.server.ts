import {
  RateLimiterMemory,
  RateLimiterPrisma,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { createRequire } from "node:module";
import type * as Redis from "redis";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { singleton } from "./singleton.server";

type RedisClient = ReturnType<typeof Redis.createClient>;

/** Loaded only when Redis is used: the client takes ~15 MiB of a process (docs/decisions/043). */
const requireRedis = () => createRequire(import.meta.url)("redis") as typeof Redis;

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
    const client = requireRedis().createClient({ url });
    client.on("error", (error: unknown) => console.error("redis (rate limit) error", error));
    void client.connect();
    return client;
  });
}

/**
 * One limit's counters. With RATE_LIMIT_STORE=redis they live in Redis, shared by every app
 * process. Otherwise a limit that guards accounts (`sharedWithoutRedis`: login and claim-code
 * failures) counts in PostgreSQL, which every process already shares, so running several
 * processes never multiplies the guesses allowed; other limits count in this process's memory.
 * Kept per process, so the counts survive Vite's module reloads in development.
 */
export function limiter(options: LimiterOptions & { sharedWithoutRedis?: boolean }): RateLimiterAbstract {
  const env = getEnv();
  const { name, points, durationSeconds } = options;
  if (env.RATE_LIMIT_STORE === "redis") {
    const url = env.REDIS_URL!;
    return singleton(`rate-limit:redis:${url}:${name}`, () => redisLimiter(sharedRedisClient(url), options));
  }
  if (options.sharedWithoutRedis) {
    return singleton(
      `rate-limit:postgres:${name}`,
      () =>
        new RateLimiterPrisma({
          storeClient: db,
          tableName: "rateLimitCounter",
          keyPrefix: name,
          points,
          duration: durationSeconds,
        }),
    );
  }
  return singleton(
    `rate-limit:memory:${name}`,
    () => new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
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
