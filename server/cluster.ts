import cluster, { type Worker } from "node:cluster";
import net, { type Socket } from "node:net";
import type { Logger } from "pino";
import { db } from "~/db.server";
import type { Env } from "~/env.server";
import { CONNECTION_MESSAGE, workerOfSession, type ConnectionMessage } from "./cluster-worker";
import { startEmbeddedPostgres, type RunningDatabase } from "./embedded-postgres";
import { resolveSessionSecret } from "./secrets";
import { prepare } from "./prepare-database";

/*
 * WEB_CONCURRENCY > 1: this process is the primary of a node:cluster (docs/decisions/042). It
 * starts the embedded PostgreSQL when there is no DATABASE_URL, migrates and seeds once, then forks
 * the workers with DATABASE_URL and SESSION_SECRET in their environment — so each picks the
 * PostgreSQL Socket.IO adapter (rooms shared through the database) and signs the same cookies. It
 * owns the port and hands each new connection to a worker: to the one named in a Socket.IO
 * session id the connection's first request carries (server/cluster-worker.ts), else in turn.
 */

export interface RunningCluster {
  url: string;
  port: number;
  /** Stops taking connections, stops every worker (each drains), then the embedded database. */
  close: () => Promise<void>;
}

const READY_MESSAGE = "xiangke:ready";
const WORKER_START_TIMEOUT_MS = 120_000;
const WORKER_STOP_TIMEOUT_MS = 15_000;

export async function startCluster(env: Env, log: Logger): Promise<RunningCluster> {
  process.env.SESSION_SECRET = await resolveSessionSecret(env.SESSION_SECRET, env.DATA_DIR);
  let embedded: RunningDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(env.DATA_DIR, log);
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl = process.env.DATABASE_URL as string;
  let stopping = false;
  const server = net.createServer({ pauseOnConnect: true });
  try {
    await prepare(env, databaseUrl, log);
    await db.$disconnect();

    const workerEnv = { DATABASE_URL: databaseUrl, SESSION_SECRET: process.env.SESSION_SECRET };
    const fork = () =>
      new Promise<Worker>((resolve, reject) => {
        const worker = cluster.fork(workerEnv);
        const timer = setTimeout(
          () => reject(new Error("a worker did not start in time")),
          WORKER_START_TIMEOUT_MS,
        );
        const failed = (code: number | null) => {
          clearTimeout(timer);
          reject(new Error(`a worker exited during start-up (code ${code})`));
        };
        worker.once("exit", failed);
        worker.on("message", (message: { type?: string }) => {
          if (message?.type !== READY_MESSAGE) return;
          clearTimeout(timer);
          worker.off("exit", failed);
          resolve(worker);
        });
      });
    // Together: each worker rebuilds its search index from the database as it starts, on its core.
    await Promise.all(Array.from({ length: env.WEB_CONCURRENCY }, () => fork()));
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) return;
      log.error({ pid: worker.process.pid, code, signal }, "a worker stopped; starting another");
      fork().catch((error: unknown) => log.error({ err: error }, "a replacement worker failed to start"));
    });

    let turn = 0;
    const nextWorker = (): Worker | undefined => {
      const live = Object.values(cluster.workers ?? {}).filter(
        (worker): worker is Worker => Boolean(worker) && worker!.isConnected(),
      );
      if (live.length === 0) return undefined;
      turn = (turn + 1) % live.length;
      return live[turn];
    };
    const handOver = (connection: Socket, head: Buffer) => {
      const owner = workerOfSession(head.toString("latin1"));
      const worker = (owner !== undefined ? cluster.workers?.[owner] : undefined) ?? nextWorker();
      if (!worker) {
        connection.destroy();
        return;
      }
      // Nothing more is read here: what follows the first bytes waits in the kernel for the worker.
      (connection as unknown as { _handle?: { readStop?: () => void } })._handle?.readStop?.();
      const message: ConnectionMessage = { type: CONNECTION_MESSAGE, head: head.toString("base64") };
      worker.send(message, connection, (error: Error | null) => {
        if (error) {
          log.warn({ err: error }, "could not hand a connection to a worker");
          connection.destroy();
        }
      });
    };
    server.on("connection", (connection) => {
      connection.on("error", () => connection.destroy());
      connection.once("data", (head: Buffer) => {
        connection.pause();
        handOver(connection, head);
      });
      connection.resume();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(env.PORT, env.HOST, resolve);
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const url = `http://localhost:${port}`;
    log.info({ url, workers: env.WEB_CONCURRENCY }, "XiangKe is listening (cluster)");

    return {
      url,
      port,
      close: async () => {
        stopping = true;
        // Not awaited: connections already handed over are the workers' to drain.
        server.close();
        const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker =>
          Boolean(worker),
        );
        await Promise.all(workers.map(stopWorker));
        await embedded?.stop();
        log.info("stopped");
      },
    };
  } catch (error) {
    stopping = true;
    server.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    await embedded?.stop();
    throw error;
  }
}

/** SIGTERM (the worker drains and exits), SIGKILL if it has not exited in time. */
function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    const timer = setTimeout(() => worker.process.kill("SIGKILL"), WORKER_STOP_TIMEOUT_MS);
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    worker.process.kill("SIGTERM");
  });
}
