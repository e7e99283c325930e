import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { blockedFor, count, redisLimiter } from "./rate-limiter.server";

describe("a limit kept in Redis", () => {
  it("keeps counting in this process's memory while Redis is unreachable", async () => {
    // Never connected: what a limiter sees while Redis is down or reconnecting.
    const offline = createClient({ url: "redis://127.0.0.1:1" });
    const limit = redisLimiter(offline, { name: "test-offline", points: 2, durationSeconds: 60 });
    expect(await blockedFor(limit, "client")).toBe(0);
    expect(await count(limit, "client")).toBe(1);
    expect(await count(limit, "client")).toBe(2);
    const wait = await blockedFor(limit, "client");
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await blockedFor(limit, "someone else")).toBe(0);
  });
});
