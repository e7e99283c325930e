import cluster from "node:cluster";
import { createServerLogger, readEnvOrExit } from "./boot";
import { startCluster } from "./cluster";
import { startServer } from "./start";

const env = readEnvOrExit("XiangKe cannot start.");
const log = createServerLogger(env);

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
