import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Logger } from "pino";
import { db } from "~/db.server";
import type { Env } from "~/env.server";
import { forgetOldSubmissions } from "~/modules/submissions/submissions.server";
import { demoTableCounts } from "~/modules/demo/demo-counts.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { startEscrowJobs } from "~/modules/escrow/escrow.server";
import { startReviewJobs } from "~/modules/reviews/reviews.server";
import { expireNeeds } from "~/modules/needs/needs.server";
import { startRevenueJobs } from "~/modules/revenue/revenue.server";
import { startPrivacyJobs } from "~/modules/privacy/retention.jobs.server";
import { startReportJobs } from "~/modules/reports/reports.jobs.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { startEmbeddedIndex, startIndexerWhenConfigured } from "~/modules/search/indexer.server";
import { runSavedSearchAlerts } from "~/modules/search/saved-searches.server";
import { syncReferenceData } from "~/modules/reference/reference.server";
import { startWebhookJobs } from "~/modules/webhooks/delivery.server";
import { startNotificationJobs } from "~/modules/notifications/delivery.server";
import { createApp } from "./app";
import { startEmbeddedPostgres, type RunningDatabase } from "./embedded-postgres";
import { applyMigrations } from "./migrate";
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
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(env.DATA_DIR, log);
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl = process.env.DATABASE_URL as string;

  try {
    await applyMigrations(databaseUrl, log);
    await syncReferenceData(db);
    const seedStarted = performance.now();
    if (env.SEED_DEMO && (await seedDemoData(db, new Date(), { story: env.SEED_DEMO_STORY }))) {
      log.info({ ms: Math.round(performance.now() - seedStarted) }, "seeded the demo (accounts in README)");
      for (const { table, rows } of await demoTableCounts(db)) log.info(`${table.padEnd(28)} ${rows}`);
    }

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
    const alerts = setInterval(() => {
      runSavedSearchAlerts().catch((error: unknown) =>
        log.error({ err: error }, "saved-search alerts failed"),
      );
    }, 60 * 1000);
    alerts.unref();

    const vite = production
      ? undefined
      : await import("vite").then(({ createServer: createViteServer }) =>
          createViteServer({ server: { middlewareMode: true }, appType: "custom" }),
        );
    const { build, clientDir } = vite ? { build: undefined, clientDir: undefined } : await loadBuild();
    const app = createApp({
      log,
      production,
      https: env.COOKIE_SECURE === true,
      trustProxy: env.TRUST_PROXY,
      vite,
      build,
      clientDir,
    });
    const http = createServer(app);
    sockets = await createSocketAdapter(adapterKind, { databaseUrl, redisUrl: env.REDIS_URL }, log);
    const io = attachSocketServer(http, log, { adapter: sockets.adapter });
    log.info({ adapter: sockets.kind }, "socket.io ready");
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(env.PORT, env.HOST, resolve);
    });
    // Deadlines pass while nobody is looking: sweep every few minutes, and once now.
    const sweep = () => {
      expireNeeds().catch((error: unknown) => log.error({ err: error }, "expiring needs failed"));
      forgetOldSubmissions().catch((error: unknown) =>
        log.error({ err: error }, "forgetting submissions failed"),
      );
    };
    sweep();
    const sweeper = setInterval(sweep, 5 * 60 * 1000);
    sweeper.unref();
    const stopRevenueJobs = startRevenueJobs(log);
    const stopEscrowJobs = startEscrowJobs(log);
    const stopReviewJobs = startReviewJobs(log);
    const stopWebhookJobs = startWebhookJobs(log);
    const stopNotificationJobs = startNotificationJobs(log);
    const stopPrivacyJobs = startPrivacyJobs(log);
    const stopReportJobs = startReportJobs(log);

    const address = http.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const url = `http://localhost:${port}`;
    log.info({ url }, "XiangKe is listening");

    return {
      url,
      port,
      http,
      io,
      close: async () => {
        clearInterval(sweeper);
        stopRevenueJobs();
        await stopEscrowJobs();
        await stopPrivacyJobs();
        await stopReportJobs();
        await stopReviewJobs();
        await stopWebhookJobs();
        await stopNotificationJobs();
        clearInterval(alerts);
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
