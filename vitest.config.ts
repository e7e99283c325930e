import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "server/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/fixtures/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most of the suite's time is spent waiting on PostgreSQL and on app processes, not on the
    // CPU: two workers even on two cores (Vitest's default there is one; 525 s → 335 s measured).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    minWorkers: 2,
  },
});
