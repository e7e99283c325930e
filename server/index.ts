import { EnvError, parseEnv, type Env } from "~/env.server";
import { createLogger } from "./log-redaction";
import cluster from "node:cluster";
import { startCluster } from "./cluster";
import { startServer } from "./start";

function readEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`XiangKe cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const env = readEnv();
const log = createLogger({
  level: env.LOG_LEVEL,
  transport:
    env.NODE_ENV === "development" ? { target: "pino-pretty", options: { colorize: true } } : undefined,
});

try {
  // WEB_CONCURRENCY > 1: this is the primary of a node:cluster, its workers start from here too.
  const server =
    env.WEB_CONCURRENCY > 1 && cluster.isPrimary ? await startCluster(env, log) : await startServer(env, log);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // A shutdown that hangs (a stuck client) must not keep the process alive for ever.
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 20_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  log.fatal({ err: error }, "XiangKe failed to start");
  process.exit(1);
}
