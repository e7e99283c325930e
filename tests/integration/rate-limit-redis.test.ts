import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hitRateLimit,
  memoryRateLimitStore,
  RATE_LIMIT,
  RATE_WINDOW_SECONDS,
  redisRateLimitStore,
  type RateLimitStore,
} from "~/modules/api/rate-limit.server";

const windowMs = RATE_WINDOW_SECONDS * 1000;
const start = Math.floor(Date.parse("2026-11-29T08:00:00Z") / windowMs) * windowMs;

/** The same behaviour from every store: a fixed window per client, refused past the limit, reset by the next window. */
function contract(name: string, makeStores: () => Promise<{ a: RateLimitStore; b: RateLimitStore }>) {
  describe(name, () => {
    it("counts each client separately, across stores that share it, and resets with the window", async () => {
      const { a, b } = await makeStores();
      for (let i = 1; i <= RATE_LIMIT; i++) {
        const result = await hitRateLimit("token:one", start + 10, i % 2 ? a : b);
        expect(result).toMatchObject({
          allowed: true,
          remaining: RATE_LIMIT - i,
          reset: RATE_WINDOW_SECONDS,
        });
      }
      expect(await hitRateLimit("token:one", start + 30_000, a)).toEqual({
        allowed: false,
        remaining: 0,
        reset: 30,
      });
      expect((await hitRateLimit("token:two", start + 30_000, b)).allowed).toBe(true);
      expect(await hitRateLimit("token:one", start + windowMs, b)).toMatchObject({
        allowed: true,
        remaining: RATE_LIMIT - 1,
      });
    });
  });
}

// Two processes each with their own memory count alone; one memory store stands for one process.
contract("memory store (one process)", async () => {
  const store = memoryRateLimitStore();
  return { a: store, b: store };
});

// Two clients stand for two app processes sharing one Redis. CI starts a Redis (.ci/run).
const redisUrl = process.env.REDIS_URL;
describe.runIf(Boolean(redisUrl))("redis store (shared by processes)", () => {
  const clients: ReturnType<typeof createClient>[] = [];
  const prefix = `xk:test:${process.pid}:${Date.now()}:`;
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) clients.push(await createClient({ url: redisUrl }).connect());
  });
  afterAll(async () => {
    await redisRateLimitStore(clients[0]!, prefix).clear();
    await Promise.all(clients.map((client) => client.quit()));
  });
  contract("redis", async () => ({
    a: redisRateLimitStore(clients[0]!, prefix),
    b: redisRateLimitStore(clients[1]!, prefix),
  }));
});
