import { z } from "zod";
import { db, type Tx } from "~/db.server";
import { publishToUser } from "~/modules/realtime/bus.server";
import type { NotificationView } from "~/modules/realtime/events";
import { DomainError } from "~/utils/errors";
import { queueDispatches } from "./delivery.server";
import type { NotificationType } from "./notification-types";
import { toView, viewSelect, type NotificationRow as Row } from "./notification-view";

export { toView } from "./notification-view";
export { NOTIFICATION_TYPES, notificationMessageKey, type NotificationType } from "./notification-types";

export interface NewNotification {
  userId: string;
  type: NotificationType;
  params?: Record<string, string | number>;
  href?: string;
}

/**
 * Writes notifications inside the caller's transaction, with their text-message and e-mail
 * dispatches (delivery.server.ts sends those); push them to open tabs after it commits.
 */
export async function createNotifications(tx: Tx, items: NewNotification[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const item of items) {
    rows.push(
      await tx.notification.create({
        data: {
          userId: item.userId,
          type: item.type,
          payload: { params: item.params ?? {}, href: item.href ?? null },
        },
        select: viewSelect,
      }),
    );
  }
  await queueDispatches(tx, rows);
  return rows;
}

export function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Pushes committed notifications to their users' open sockets, with the new unread count. */
export async function deliverNotifications(rows: Row[]): Promise<void> {
  for (const row of rows) {
    publishToUser(row.userId, "notification:new", {
      notification: toView(row),
      unreadCount: await countUnread(row.userId),
    });
  }
}

export const MAX_PAGE_SIZE = 100;

// The cursor is the last row's time and id: newest first, with the id breaking ties in a millisecond.
const CursorSchema = z
  .string()
  .regex(/^\d{1,15}_[\w-]{1,64}$/)
  .transform((cursor) => {
    const [time, id] = cursor.split("_", 2) as [string, string];
    return { createdAt: new Date(Number(time)), id };
  })
  .refine(({ createdAt }) => !Number.isNaN(createdAt.getTime()));

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

/**
 * One page of the user's notifications, newest first. `nextCursor` fetches the page after this
 * one; a malformed cursor (from a hand-edited URL) starts from the newest.
 */
export async function listNotifications(
  userId: string,
  { cursor, limit }: { cursor?: string | null; limit: number },
): Promise<{ notifications: NotificationView[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE_SIZE);
  const after = CursorSchema.safeParse(cursor);
  const rows = await db.notification.findMany({
    where: {
      userId,
      ...(after.success && {
        OR: [
          { createdAt: { lt: after.data.createdAt } },
          { createdAt: after.data.createdAt, id: { lt: after.data.id } },
        ],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: viewSelect,
  });
  const page = rows.slice(0, take);
  return {
    notifications: page.map(toView),
    nextCursor: rows.length > take ? encodeCursor(page[page.length - 1]!) : null,
  };
}

// Every open tab shows the badge; tell them all when the count changes here.
async function publishUnread(userId: string): Promise<number> {
  const unreadCount = await countUnread(userId);
  publishToUser(userId, "notification:unread", { unreadCount });
  return unreadCount;
}

/** Marks one of the user's notifications read and returns it; another user's is "not found". */
export async function markRead(userId: string, notificationId: string): Promise<NotificationView> {
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, userId, readAt: null },
    data: { readAt: new Date() },
  });
  const row = await db.notification.findFirst({ where: { id: notificationId, userId }, select: viewSelect });
  if (!row) throw new DomainError("notification.not_found");
  if (count > 0) await publishUnread(userId);
  return toView(row);
}

/** Marks every unread notification of the user read; returns how many were unread. */
export async function markAllRead(userId: string): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: new Date() },
  });
  if (count > 0) await publishUnread(userId);
  return count;
}
