import type { Logger } from "pino";
import { db } from "~/db.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { luoyangToday } from "~/utils/dates";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import type { ReportPeriodKind, ReportReminderKind } from "~/generated/prisma/enums";

/** How many days before a deadline the county officers are reminded. */
export const REMINDER_DAYS_BEFORE = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

type Due = {
  periodKind: ReportPeriodKind;
  periodKey: string;
  countyCode: string;
  kind: ReportReminderKind;
  dueAt: Date;
};

/**
 * Reminds each county's officers of a return not yet submitted: once when its deadline is
 * REMINDER_DAYS_BEFORE days away or less, and once when it has passed. The reminder row's primary
 * key (period, county, kind) is the memory: the insert that wins is the one that notifies, so two
 * app instances or two runs never send the same reminder twice. Returns how many were sent.
 */
export async function sendReturnReminders(now = new Date()): Promise<number> {
  const deadlines = await db.reportDeadline.findMany({
    where: { dueAt: { lt: new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY_MS) } },
    select: { periodKind: true, periodKey: true, dueAt: true },
  });
  if (deadlines.length === 0) return 0;
  const submitted = await db.reportReturn.findMany({
    where: {
      status: "SUBMITTED",
      OR: deadlines.map((d) => ({ periodKind: d.periodKind, periodKey: d.periodKey })),
    },
    select: { periodKind: true, periodKey: true, scope: true },
  });
  const done = new Set(submitted.map((row) => `${row.periodKind}:${row.periodKey}:${row.scope}`));
  const due: Due[] = deadlines.flatMap((deadline) =>
    COUNTY_CODES.filter((code) => !done.has(`${deadline.periodKind}:${deadline.periodKey}:${code}`)).map(
      (countyCode): Due => ({
        ...deadline,
        countyCode,
        kind: deadline.dueAt <= now ? "OVERDUE" : "DUE_SOON",
      }),
    ),
  );
  if (due.length === 0) return 0;

  const rows = await db.$transaction(async (tx) => {
    const sent = await tx.reportReminder.createManyAndReturn({
      data: due.map(({ periodKind, periodKey, countyCode, kind }) => ({
        periodKind,
        periodKey,
        countyCode,
        kind,
      })),
      skipDuplicates: true,
      select: { periodKind: true, periodKey: true, countyCode: true, kind: true },
    });
    if (sent.length === 0) return [];
    const officers = await tx.user.findMany({
      where: {
        primaryRole: "COUNTY",
        deletedAt: null,
        countyCode: { in: [...new Set(sent.map((row) => row.countyCode))] },
      },
      select: { id: true, countyCode: true },
    });
    const notifications: NewNotification[] = sent.flatMap((reminder) => {
      const deadline = due.find(
        (d) => d.periodKind === reminder.periodKind && d.periodKey === reminder.periodKey,
      )!;
      return officers
        .filter((officer) => officer.countyCode === reminder.countyCode)
        .map((officer) => ({
          userId: officer.id,
          type: reminder.kind === "OVERDUE" ? ("report.overdue" as const) : ("report.due_soon" as const),
          params: { period: reminder.periodKey, due: luoyangToday(deadline.dueAt) },
          href: `/bureau/reports?${new URLSearchParams({ periodKind: reminder.periodKind, periodKey: reminder.periodKey })}`,
        }));
    });
    return createNotifications(tx, notifications);
  });
  await deliverNotifications(rows);
  return rows.length;
}

/** Sends due reminders at start and every hour; returns the function that stops it. */
export function startReportJobs(log: Pick<Logger, "error" | "info">, intervalMs = 60 * 60 * 1000) {
  return startPeriodicJob(
    () =>
      sendReturnReminders()
        .then((sent) => {
          if (sent > 0) log.info({ sent }, "return reminders sent");
        })
        .catch((error: unknown) => log.error({ err: error }, "return reminders failed")),
    intervalMs,
  );
}
