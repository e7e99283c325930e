import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Logger } from "pino";
import { db } from "~/db.server";
import type { Env } from "~/env.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { warmTokenizer } from "~/modules/indexing/tokenizer.server";
import { startEmbeddedIndex, startIndexerWhenConfigured } from "~/modules/search/indexer.server";
import { createApp } from "./app";
import { acceptConnectionsFromPrimary, isClusterWorker } from "./cluster-worker";
import { runJobsWhileLeading } from "./jobs";
import { prepare } from "./prepare-database";
import { startEmbeddedPostgres, type RunningDatabase } from "./embedded-postgres";
import { resolveSessionSecret } from "./secrets";
import { attachSocketServer, type AppSocketServer } from "./socket";
import { chooseSocketAdapter, createSocketAdapter, type SocketAdapter } from "./socket-adapter";

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  io: AppSocketServer;
  /** Drains HTTP and sockets, disconnects from the database, then stops the embedded one. */
  close: () => Promise<void>;
}

async function loadBuild(): Promise<{ build: ServerBuild; clientDir: string }> {
  const root = process.cwd();
  const serverEntry = path.join(root, "build", "server", "index.js");
  try {
    const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
    return { build, clientDir: path.join(root, "build", "client") };
  } catch (error) {
    throw new Error(`No production build at ${serverEntry}: run "npm run build" first`, { cause: error });
  }
}

/** Starts everything the app needs, in order, and returns a handle that stops it in reverse. */
export async function startServer(env: Env, log: Logger): Promise<RunningServer> {
  const production = env.NODE_ENV === "production";
  process.env.SESSION_SECRET = await resolveSessionSecret(env.SESSION_SECRET, env.DATA_DIR);
  env.SESSION_SECRET = process.env.SESSION_SECRET;

  let embedded: RunningDatabase | undefined;
  let sockets: SocketAdapter | undefined;
  const adapterKind = chooseSocketAdapter(env);
  // Start-up time, from the process's start (performance.now() counts from it): what the
  // database's own start, the migrations and the demo seed take is reported apart.
  const aside = { databaseMs: 0, migrateMs: 0, seedMs: 0 };
  const timed = async <T>(key: keyof typeof aside, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      aside[key] += performance.now() - started;
    }
  };
  if (!env.DATABASE_URL) {
    embedded = await timed("databaseMs", () => startEmbeddedPostgres(env.DATA_DIR, log));
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl = process.env.DATABASE_URL as string;

  try {
    // Workers of a cluster find the database ready: their primary prepared it once. When a child
    // process prepares it, the search tokenizer's tables are built here meanwhile.
    if (!isClusterWorker()) Object.assign(aside, await prepare(env, databaseUrl, log, warmTokenizer));

    // The embedded index lives in memory: rebuild it from the database at every start. A
    // Meilisearch index persists: it gets its settings, is rebuilt (and swapped in) only when its
    // counts differ from the database, then takes the pending outbox.
    const search = getSearchEngine();
    let stopIndexer: () => Promise<void>;
    if (search.kind === "embedded") {
      const index = await startEmbeddedIndex(search, log);
      log.info({ documents: index.documents }, "search index rebuilt");
      stopIndexer = index.stop;
    } else {
      // An unreachable Meilisearch must not keep the app down: configure it once it answers.
      stopIndexer = startIndexerWhenConfigured(search, log);
    }

    const vite = production
      ? undefined
      : await import("vite").then(({ createServer: createViteServer }) =>
          createViteServer({ server: { middlewareMode: true }, appType: "custom" }),
        );
    const { build, clientDir } = vite ? { build: undefined, clientDir: undefined } : await loadBuild();
    let countSockets = () => 0;
    const app = createApp({
      log,
      production,
      https: env.COOKIE_SECURE === true,
      trustProxy: env.TRUST_PROXY,
      vite,
      build,
      clientDir,
      socketCount: () => countSockets(),
    });
    const http = createServer(app);
    sockets = await createSocketAdapter(adapterKind, { databaseUrl, redisUrl: env.REDIS_URL }, log);
    const io = attachSocketServer(http, log, { adapter: sockets.adapter });
    countSockets = () => io.engine.clientsCount;
    log.info({ adapter: sockets.kind }, "socket.io ready");
    // A node:cluster worker listens on no port: the primary hands it connections (server/cluster.ts).
    if (isClusterWorker()) acceptConnectionsFromPrimary(http, io);
    else
      await new Promise<void>((resolve, reject) => {
        http.once("error", reject);
        http.listen(env.PORT, env.HOST, resolve);
      });
    // One process of those sharing the database runs the background jobs (server/jobs.ts).
    const jobs = await runJobsWhileLeading(databaseUrl, log);

    const address = http.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const url = `http://localhost:${port}`;
    const totalMs = performance.now();
    const readyMs = totalMs - aside.databaseMs - aside.migrateMs - aside.seedMs;
    // CPU time (all threads) is the steadier figure on a shared machine, where the wall clock
    // also counts the waits for a core.
    const cpu = process.cpuUsage();
    log.info({ url }, "XiangKe is listening");
    log.info(
      {
        readyMs: Math.round(readyMs),
        totalMs: Math.round(totalMs),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        databaseMs: Math.round(aside.databaseMs),
        migrateMs: Math.round(aside.migrateMs),
        seedMs: Math.round(aside.seedMs),
      },
      `ready in ${Math.round(readyMs)} ms (process start to listening, the database's start, migrations and seeding aside)`,
    );

    return {
      url,
      port,
      http,
      io,
      close: async () => {
        await jobs.stop();
        await stopIndexer();
        // io.close() also closes the HTTP server: new connections stop, open requests finish.
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          http.closeIdleConnections();
        });
        await vite?.close();
        await sockets?.close();
        await db.$disconnect();
        await embedded?.stop();
        log.info("stopped");
      },
    };
  } catch (error) {
    await sockets?.close();
    await embedded?.stop();
    throw error;
  }
}
