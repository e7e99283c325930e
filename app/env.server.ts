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
    /** With SEED_DEMO, also the plan's story around the demo accounts (docs/decisions/041). */
    SEED_DEMO_STORY: booleanFlag.default(true),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: booleanFlag.default(false),
    /**
     * How many app processes serve on PORT (node:cluster workers; docs/deployment.md): set it to
     * the number of cores. 1 (the default, tests and development): one process, no cluster.
     */
    WEB_CONCURRENCY: z.coerce
      .number({ message: "must be a whole number from 1 to 64" })
      .int({ message: "must be a whole number from 1 to 64" })
      .min(1, { message: "must be a whole number from 1 to 64" })
      .max(64, { message: "must be a whole number from 1 to 64" })
      .default(1),
    MEILI_HOST: z.url({ message: "must be an http(s) URL" }).optional(),
    MEILI_API_KEY: z.string().optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// URL" }).optional(),
    /** Where API rate-limit counters live: memory (one process) or redis (shared; needs REDIS_URL). */
    RATE_LIMIT_STORE: z.enum(["memory", "redis"], { message: "must be memory or redis" }).default("memory"),
    /** Where links in e-mails point (the address people use); default: the request's own origin. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
    /** Outgoing mail: either SMTP_URL (smtp:// or smtps://user:pass@host:port) or SMTP_HOST and friends. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASS: z.string().min(1).optional(),
    SMTP_SECURE: booleanFlag.optional(),
    MAIL_FROM: z.string().min(3).default("乡科 XiangKe <no-reply@xiangke.invalid>"),
    /** Text messages: dev records them in the database and the log; aliyun and tencent send them. */
    SMS_PROVIDER: z
      .enum(["dev", "aliyun", "tencent"], { message: "must be dev, aliyun or tencent" })
      .default("dev"),
    SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    SMS_SIGN_NAME: z.string().min(1).optional(),
    SMS_TEMPLATE_ID: z.string().min(1).optional(),
    /** Approved templates for notices, one per notification category (outbound/sms-templates.ts). */
    SMS_NOTICE_TEMPLATE_MONEY: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_DECISIONS: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_APPLICATIONS: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_AGREEMENTS: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_ALERTS: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_WORK: z.string().min(1).optional(),
    SMS_NOTICE_TEMPLATE_UPDATES: z.string().min(1).optional(),
    /** Tencent Cloud only: the SMS application id and region. */
    SMS_SDK_APP_ID: z.string().min(1).optional(),
    SMS_REGION: z.string().min(1).default("ap-guangzhou"),
    SOCKET_ADAPTER: z
      .enum(["memory", "postgres", "redis"], { message: "must be memory, postgres or redis" })
      .optional(),
  })
  .refine((env) => env.RATE_LIMIT_STORE !== "redis" || Boolean(env.REDIS_URL), {
    path: ["RATE_LIMIT_STORE"],
    message: "redis needs REDIS_URL",
  })
  .refine((env) => !env.SMTP_HOST || !env.SMTP_URL, {
    path: ["SMTP_HOST"],
    message: "set SMTP_URL or SMTP_HOST, not both",
  })
  .refine(
    (env) =>
      env.SMS_PROVIDER === "dev" ||
      [env.SMS_ACCESS_KEY_ID, env.SMS_ACCESS_KEY_SECRET, env.SMS_SIGN_NAME, env.SMS_TEMPLATE_ID].every(
        Boolean,
      ),
    {
      path: ["SMS_PROVIDER"],
      message:
        "aliyun and tencent need SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME, SMS_TEMPLATE_ID",
    },
  )
  .refine((env) => env.SMS_PROVIDER !== "tencent" || Boolean(env.SMS_SDK_APP_ID), {
    path: ["SMS_SDK_APP_ID"],
    message: "tencent needs SMS_SDK_APP_ID",
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
