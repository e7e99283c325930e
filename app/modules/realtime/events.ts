/** A notification as the browser receives it, live or in the list. */
export interface NotificationView {
  id: string;
  type: string;
  params: Record<string, string | number>;
  href: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The typed contract between the Socket.IO server and its clients. */
export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
  "notification:new": (payload: { notification: NotificationView; unreadCount: number }) => void;
  "notification:unread": (payload: { unreadCount: number }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
  userId: string;
  sessionId: string;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}
