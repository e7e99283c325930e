import type { Logger } from "pino";
import { EnvError, parseEnv, type Env } from "~/env.server";
import { createLogger } from "./log-redaction";

/**
 * The environment of a server process (the server, or the one-shot process that prepares its
 * database), parsed; a malformed one stops the process at once with every variable that is wrong.
 */
export function readEnvOrExit(refusal: string): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`${refusal} ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/** The process's logger: JSON lines, secrets redacted; pretty in development. */
export function createServerLogger(env: Env): Logger {
  return createLogger({
    level: env.LOG_LEVEL,
    transport:
      env.NODE_ENV === "development" ? { target: "pino-pretty", options: { colorize: true } } : undefined,
  });
}
