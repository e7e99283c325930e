import type { Logger } from "pino";
import { db } from "~/db.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";

import { recipients, notices, inTransaction, lockMilestone, release } from "./escrow.core.server";

/**
 * The auto-release job: each SUBMITTED milestone whose review window has passed is released in
 * its own transaction, after taking the row locks and checking the status again — so two runs at
 * once (two app processes) release each milestone once, and a payer who accepted or disputed at
 * the last moment wins. One failure does not stop the others.
 */
export async function releaseDueMilestones(now = new Date()) {
  const due = await db.milestone.findMany({
    where: { status: "SUBMITTED", reviewDueAt: { lte: now } },
    select: { id: true },
    orderBy: { reviewDueAt: "asc" },
    take: 500,
  });
  const released: string[] = [];
  const failed: { milestoneId: string; error: unknown }[] = [];
  for (const { id } of due) {
    try {
      const done = await inTransaction(async (tx, notify) => {
        const milestone = await lockMilestone(tx, id);
        if (milestone.status !== "SUBMITTED" || !milestone.reviewDueAt || milestone.reviewDueAt > now)
          return false;
        await release(tx, milestone, { actorId: null }, true);
        notify(
          notices(
            await recipients(tx, milestone.agreement, "both", null),
            "milestone.auto_released",
            milestone,
          ),
        );
        return true;
      });
      if (done) released.push(id);
    } catch (error) {
      failed.push({ milestoneId: id, error });
    }
  }
  return { released, failed };
}

/** Runs the auto-release at start and every minute (the state is in the database, so restarts lose nothing). */
export function startEscrowJobs(log: Logger, intervalMs = 60 * 1000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      releaseDueMilestones()
        .then(({ released, failed }) => {
          if (released.length > 0) log.info({ released: released.length }, "milestones auto-released");
          for (const failure of failed)
            log.error({ err: failure.error, milestoneId: failure.milestoneId }, "auto-release failed");
        })
        .catch((error: unknown) => log.error({ err: error }, "auto-release job failed")),
    intervalMs,
  );
}
