import pg from "pg";
import type { Logger } from "pino";
import { startEscrowJobs } from "~/modules/escrow/escrow.server";
import { expireNeeds } from "~/modules/needs/needs.server";
import { startNotificationJobs } from "~/modules/notifications/delivery.server";
import { startPrivacyJobs } from "~/modules/privacy/retention.jobs.server";
import { startReportJobs } from "~/modules/reports/reports.jobs.server";
import { startRevenueJobs } from "~/modules/revenue/revenue.server";
import { startReviewJobs } from "~/modules/reviews/reviews.server";
import { runSavedSearchAlerts } from "~/modules/search/saved-searches.server";
import { forgetOldSubmissions } from "~/modules/submissions/submissions.server";
import { startWebhookJobs } from "~/modules/webhooks/delivery.server";

type Stop = () => unknown;

/** Every periodic job of the app; returns what stops them all. */
export function startBackgroundJobs(log: Logger): () => Promise<void> {
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
  const alerts = setInterval(() => {
    runSavedSearchAlerts().catch((error: unknown) => log.error({ err: error }, "saved-search alerts failed"));
  }, 60 * 1000);
  alerts.unref();
  const stops: Stop[] = [
    startRevenueJobs(log),
    startEscrowJobs(log),
    startPrivacyJobs(log),
    startReportJobs(log),
    startReviewJobs(log),
    startWebhookJobs(log),
    startNotificationJobs(log),
  ];
  return async () => {
    clearInterval(sweeper);
    clearInterval(alerts);
    for (const stop of stops) await stop();
  };
}

/** The advisory lock only the process running the background jobs holds (any number; fixed). */
export const JOBS_LOCK_KEY = 25_042_001;

export interface JobsLeadership {
  /** Whether this process holds the lock and runs the jobs now. */
  leading: () => boolean;
  stop: () => Promise<void>;
}

/**
 * Runs the background jobs in exactly one of the app processes sharing a database
 * (docs/decisions/042): the one holding a session-level advisory lock on a connection of its own.
 * The others try again every `retryMs`, so when the leader stops or dies (its connection, and the
 * lock with it, goes) another takes over. A lost connection stops the jobs here at once: the lock
 * may already be someone else's. The first attempt is awaited, so a single process starts its jobs
 * before it serves, as it always did.
 */
export async function runJobsWhileLeading(
  databaseUrl: string,
  log: Logger,
  start: () => () => Promise<void> = () => startBackgroundJobs(log),
  retryMs = 15_000,
): Promise<JobsLeadership> {
  let client: pg.Client | undefined;
  let stopJobs: (() => Promise<void>) | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> = Promise.resolve();

  const release = async () => {
    const jobs = stopJobs;
    stopJobs = undefined;
    if (jobs) {
      log.info("background jobs stopped here");
      await jobs();
    }
  };

  const tryToLead = async () => {
    try {
      if (!client) {
        const fresh = new pg.Client({ connectionString: databaseUrl, application_name: "xiangke-jobs" });
        fresh.on("error", (error) => {
          log.warn({ err: error }, "background jobs' lock connection lost");
          if (client === fresh) client = undefined;
          void fresh.end().catch(() => undefined);
          void release();
        });
        await fresh.connect();
        client = fresh;
      }
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
        JOBS_LOCK_KEY,
      ]);
      if (rows[0]?.locked && !stopJobs && !stopped) {
        log.info({ pid: process.pid }, "this process runs the background jobs");
        stopJobs = start();
      }
    } catch (error) {
      log.warn({ err: error }, "could not ask for the background jobs' lock; trying again");
      const broken = client;
      client = undefined;
      await broken?.end().catch(() => undefined);
      await release();
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      attempt = (stopJobs && client ? Promise.resolve() : tryToLead()).then(schedule);
    }, retryMs);
    timer.unref();
  };

  attempt = tryToLead();
  await attempt;
  schedule();

  return {
    leading: () => Boolean(stopJobs),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await attempt;
      await release();
      // Ending the session releases the lock for the next leader.
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
