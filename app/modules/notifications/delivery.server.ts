import type { Logger } from "pino";
import { db, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import type { NotificationChannel, NotificationDispatchStatus } from "~/generated/prisma/enums";
import { isLocale } from "~/i18n/i18n";
import { mailConfigured, sendMail, type MailMessage } from "~/modules/outbound/mail.server";
import { smsProvider, type SmsProvider } from "~/modules/outbound/sms.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { statesThatMayBecome } from "~/utils/state-machine";
import { NOTIFICATION_CATEGORY, type NotificationCategory } from "./notification-categories";
import { isNotificationType } from "./notification-types";
import { DISPATCH_TRANSITIONS } from "./dispatch.states";
import { noticeLink, noticeMail, noticeText, smsNotice } from "./notice-text.server";
import { preferencesOf, type NotificationPreferences } from "./preferences.server";
import { quietUntil } from "./quiet-hours";
import { toView, type NotificationRow } from "./notification-view";

export const BATCH_SIZE = 20;
export const MAX_ATTEMPTS = 6;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Wait after the 1st, 2nd, … failed attempt; after the 6th the dispatch is FAILED. */
const BACKOFF_MS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR];
/**
 * A dispatch SENDING for longer than this lost its sender (the providers time out after 10 s).
 * It becomes UNCERTAIN rather than being sent again.
 */
export const STALE_SENDING_MS = 10 * MINUTE;

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;
}

function categoryOf(type: string): NotificationCategory | null {
  return isNotificationType(type) ? NOTIFICATION_CATEGORY[type] : null;
}

/** The channels this notification goes out on now: chosen, reachable and configured. */
function channelsFor(
  category: NotificationCategory,
  preferences: NotificationPreferences,
  sms: SmsProvider,
): NotificationChannel[] {
  return preferences.channels[category].filter((channel) =>
    channel === "SMS" ? sms.sendsNotices(category) : mailConfigured(),
  );
}

/**
 * Queues the outside deliveries of notifications being written, in the same transaction: if the
 * notification commits, so do its dispatches, and (notification, channel) is unique, so nothing
 * is queued twice.
 */
export async function queueDispatches(
  tx: Tx,
  rows: { id: string; userId: string; type: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const preferences = await preferencesOf(tx, [...new Set(rows.map((row) => row.userId))]);
  const sms = smsProvider();
  const data = rows.flatMap((row) => {
    const category = categoryOf(row.type);
    const chosen = preferences.get(row.userId);
    if (!category || !chosen) return [];
    return channelsFor(category, chosen, sms).map((channel) => ({ notificationId: row.id, channel }));
  });
  if (data.length > 0) await tx.notificationDispatch.createMany({ data, skipDuplicates: true });
}

export interface Senders {
  sms: SmsProvider;
  mail: (message: MailMessage) => Promise<void>;
}

const claimSelect = {
  id: true,
  channel: true,
  attempts: true,
  notification: {
    select: {
      id: true,
      userId: true,
      type: true,
      payload: true,
      createdAt: true,
      readAt: true,
      user: { select: { displayName: true, locale: true } },
    },
  },
} as const;

type Claimed = {
  id: string;
  channel: NotificationChannel;
  attempts: number;
  notification: NotificationRow & { user: { displayName: string; locale: string } };
};

/**
 * Marks dispatches whose sender died mid-send as UNCERTAIN. The provider may have sent them;
 * a second text costs the person more than a missing one (the notification is still in the app).
 */
async function markStale(now: Date): Promise<number> {
  const { count } = await db.notificationDispatch.updateMany({
    where: { status: "SENDING", claimedAt: { lt: new Date(now.getTime() - STALE_SENDING_MS) } },
    data: { status: "UNCERTAIN", lastError: "the sender stopped before writing the outcome" },
  });
  return count;
}

/**
 * Claims due dispatches: `FOR UPDATE SKIP LOCKED`, so a concurrent run takes other rows, and the
 * claim (SENDING) commits before any provider is called. Text messages in the person's quiet
 * hours wait for their end; dispatches whose channel the person has since turned off are cancelled.
 */
async function claimDue(now: Date, sms: SmsProvider): Promise<Claimed[]> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "NotificationDispatch"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt" LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`;
    const rows = await tx.notificationDispatch.findMany({
      where: { id: { in: due.map((row) => row.id) } },
      select: claimSelect,
    });
    const preferences = await preferencesOf(tx, [...new Set(rows.map((r) => r.notification.userId))]);
    const claimed: Claimed[] = [];
    for (const row of rows) {
      const chosen = preferences.get(row.notification.userId);
      const category = categoryOf(row.notification.type);
      if (!chosen || !category || !channelsFor(category, chosen, sms).includes(row.channel)) {
        await setStatus(tx, row.id, "CANCELLED", {});
        continue;
      }
      const until = row.channel === "SMS" ? quietUntil(now, chosen.quiet) : null;
      if (until) {
        await tx.notificationDispatch.update({
          where: { id: row.id },
          data: { nextAttemptAt: until },
          select: { id: true },
        });
        continue;
      }
      await setStatus(tx, row.id, "SENDING", { claimedAt: now, attempts: row.attempts + 1 });
      claimed.push({ ...row, attempts: row.attempts + 1 });
    }
    return claimed;
  });
}

async function setStatus(
  client: Tx | typeof db,
  id: string,
  status: NotificationDispatchStatus,
  data: {
    claimedAt?: Date;
    attempts?: number;
    lastError?: string | null;
    sentAt?: Date;
    nextAttemptAt?: Date;
  },
): Promise<void> {
  await client.notificationDispatch.updateMany({
    where: { id, status: { in: statesThatMayBecome(DISPATCH_TRANSITIONS, status) } },
    data: { status, ...data },
  });
}

async function send(dispatch: Claimed, senders: Senders): Promise<void> {
  const { notification } = dispatch;
  const env = getEnv();
  const view = toView(notification);
  const locale = isLocale(notification.user.locale) ? notification.user.locale : "zh";
  const text = noticeText(locale, view);
  const link = noticeLink(env.PUBLIC_URL, view.href);
  const contact = (await preferencesOf(db, [notification.userId])).get(notification.userId)?.contact;
  if (dispatch.channel === "SMS") {
    if (!contact?.phone) throw new Error("the person has no phone number");
    const category = categoryOf(notification.type)!;
    await senders.sms.sendNotice(smsNotice({ phone: contact.phone, category }, text, link));
  } else {
    if (!contact?.email) throw new Error("the person has no e-mail address");
    const settings = noticeLink(env.PUBLIC_URL, "/account/notifications");
    const to = { email: contact.email, displayName: notification.user.displayName };
    await senders.mail(noticeMail(locale, to, text, link, settings));
  }
}

/**
 * Sends one batch of due dispatches (docs/decisions/031). Each is claimed and committed as
 * SENDING before its provider is called, and its outcome written after: SENT, back to PENDING
 * with a backoff, or FAILED after the last attempt.
 */
export async function deliverDueNotifications(
  now = new Date(),
  senders: Senders = { sms: smsProvider(), mail: sendMail },
): Promise<{ sent: number; retrying: number; failed: number; uncertain: number }> {
  const outcome = { sent: 0, retrying: 0, failed: 0, uncertain: await markStale(now) };
  const claimed = await claimDue(now, senders.sms);
  await Promise.all(
    claimed.map(async (dispatch) => {
      try {
        await send(dispatch, senders);
        outcome.sent++;
        await setStatus(db, dispatch.id, "SENT", { sentAt: new Date(), lastError: null });
      } catch (error) {
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        if (dispatch.attempts >= MAX_ATTEMPTS) {
          outcome.failed++;
          await setStatus(db, dispatch.id, "FAILED", { lastError });
        } else {
          outcome.retrying++;
          const nextAttemptAt = new Date(now.getTime() + backoffMs(dispatch.attempts));
          await setStatus(db, dispatch.id, "PENDING", { lastError, nextAttemptAt });
        }
      }
    }),
  );
  return outcome;
}

/** Sends due text messages and e-mails every 15 s; the queue is in the database. */
export function startNotificationJobs(log: Logger, intervalMs = 15_000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      deliverDueNotifications()
        .then((outcome) => {
          if (outcome.sent + outcome.failed + outcome.uncertain > 0)
            log.info(outcome, "notifications sent by text message and e-mail");
        })
        .catch((error: unknown) => log.error({ err: error }, "notification delivery job failed")),
    intervalMs,
    { runAtStart: false },
  );
}
