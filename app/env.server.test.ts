import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("works with nothing set, using the embedded defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", SEED_DEMO: true, NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every malformed variable", () => {
    try {
      parseEnv({ PORT: "three thousand", DATABASE_URL: "mysql://x@y/z", SEED_DEMO: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain("PORT");
      expect(message).toContain("DATABASE_URL: must be a postgresql:// URL");
      expect(message).toContain("SEED_DEMO: must be true or false");
    }
  });

  it("runs one process unless WEB_CONCURRENCY asks for a cluster of 1 to 64", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
    for (const wrong of ["0", "65", "1.5", "all"])
      expect(() => parseEnv({ WEB_CONCURRENCY: wrong })).toThrow(
        "WEB_CONCURRENCY: must be a whole number from 1 to 64",
      );
  });

  it("keeps rate limits in memory unless told to share them through Redis, which needs REDIS_URL", () => {
    expect(parseEnv({}).RATE_LIMIT_STORE).toBe("memory");
    expect(() => parseEnv({ RATE_LIMIT_STORE: "redis" })).toThrow("RATE_LIMIT_STORE: redis needs REDIS_URL");
    expect(
      parseEnv({ RATE_LIMIT_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379" }).RATE_LIMIT_STORE,
    ).toBe("redis");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});
