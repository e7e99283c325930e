import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { MessageKey } from "~/i18n/i18n";
import { publishToUser } from "~/modules/realtime/bus.server";
import type { NotificationView } from "~/modules/realtime/events";

/**
 * The notifications people can receive. Each type's text is the message key
 * `notification.<type>`, filled with the params.
 */
export const NOTIFICATION_TYPES = [
  "application.received",
  "application.shortlisted",
  "application.accepted",
  "application.declined",
  "application.withdrawn",
  "need.hidden",
  "offer.hidden",
  "verification.approved",
  "verification.rejected",
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NewNotification {
  userId: string;
  type: NotificationType;
  params?: Record<string, string | number>;
  href?: string;
}

export function notificationMessageKey(type: string): MessageKey {
  return `notification.${type}` as MessageKey;
}

const viewSelect = { id: true, userId: true, type: true, payload: true, createdAt: true, readAt: true } as const;

type Row = Prisma.NotificationGetPayload<{ select: typeof viewSelect }>;

export function toView(row: Row): NotificationView {
  const payload = (row.payload ?? {}) as { params?: Record<string, string | number>; href?: string | null };
  return {
    id: row.id,
    type: row.type,
    params: payload.params ?? {},
    href: payload.href ?? null,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** Writes notifications inside the caller's transaction; deliver them after it commits. */
export async function createNotifications(tx: Tx, items: NewNotification[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const item of items) {
    rows.push(
      await tx.notification.create({
        data: { userId: item.userId, type: item.type, payload: { params: item.params ?? {}, href: item.href ?? null } },
        select: viewSelect,
      }),
    );
  }
  return rows;
}

export function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Pushes committed notifications to their users' open sockets, with the new unread count. */
export async function deliverNotifications(rows: Row[]): Promise<void> {
  for (const row of rows) {
    publishToUser(row.userId, "notification:new", { notification: toView(row), unreadCount: await countUnread(row.userId) });
  }
}
