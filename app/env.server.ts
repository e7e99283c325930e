import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgresql:// URL" }).optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    SESSION_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Bureau and admin sessions end after this many idle minutes (their reach is city-wide). */
    STAFF_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    COOKIE_SECURE: booleanFlag.optional(),
    SEED_DEMO: booleanFlag.default(true),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: booleanFlag.default(false),
    MEILI_HOST: z.url({ message: "must be an http(s) URL" }).optional(),
    MEILI_API_KEY: z.string().optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// URL" }).optional(),
    /** Where API rate-limit counters live: memory (one process) or redis (shared; needs REDIS_URL). */
    RATE_LIMIT_STORE: z.enum(["memory", "redis"], { message: "must be memory or redis" }).default("memory"),
    SOCKET_ADAPTER: z
      .enum(["memory", "postgres", "redis"], { message: "must be memory, postgres or redis" })
      .optional(),
  })
  .refine((env) => env.RATE_LIMIT_STORE !== "redis" || Boolean(env.REDIS_URL), {
    path: ["RATE_LIMIT_STORE"],
    message: "redis needs REDIS_URL",
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment; the message names every variable that is wrong and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
