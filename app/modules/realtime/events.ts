/** A notification as the browser receives it, live or in the list. */
export interface NotificationView {
  id: string;
  type: string;
  params: Record<string, string | number>;
  href: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A chat message as the browser receives it, live, in a catch-up or in the page's history. */
export interface ChatMessageView {
  id: string;
  conversationId: string;
  /** Position in the conversation (consecutive); a client catches up after the last one it holds every message up to. */
  seq: number;
  senderId: string;
  senderName: string;
  /** The sender device's id for it: how the sender matches the stored message to its pending one. */
  clientId: string;
  body: string;
  attachment: {
    kind: "image" | "audio";
    url: string;
    /** For a photo, its 400 px copy; for a voice note, the recording itself. */
    thumbUrl: string;
    width: number | null;
    height: number | null;
  } | null;
  createdAt: string;
}

/** How far one participant has received and read; a mark that did not move is left out. */
export interface ChatReceipt {
  conversationId: string;
  userId: string;
  deliveredSeq?: number;
  readSeq?: number;
}

/** Every request a client sends with an acknowledgement is answered with one of these. */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; retryAfterMs?: number };

/** The typed contract between the Socket.IO server and its clients. */
export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
  "notification:new": (payload: { notification: NotificationView; unreadCount: number }) => void;
  "notification:unread": (payload: { unreadCount: number }) => void;
  "chat:message": (payload: { message: ChatMessageView }) => void;
  "chat:receipt": (payload: ChatReceipt) => void;
  "chat:typing": (payload: { conversationId: string; userId: string; name: string }) => void;
  "chat:unread": (payload: { unreadCount: number }) => void;
}

export interface ClientToServerEvents {
  "link:ping": (ack: (result: { ok: true }) => void) => void;
  "chat:join": (payload: { conversationId: string }, ack: (result: Ack<{ lastSeq: number }>) => void) => void;
  "chat:send": (
    payload: { conversationId: string; clientId: string; body: string },
    ack: (result: Ack<{ message: ChatMessageView }>) => void,
  ) => void;
  "chat:sync": (
    payload: { conversationId: string; afterSeq: number },
    ack: (result: Ack<{ messages: ChatMessageView[]; hasMore: boolean }>) => void,
  ) => void;
  "chat:read": (
    payload: { conversationId: string; seq: number },
    ack?: (result: Ack<{ unreadCount: number }>) => void,
  ) => void;
  "chat:delivered": (payload: { conversationId: string; seq: number }) => void;
  "chat:typing": (payload: { conversationId: string }) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  /** Shown to others, e.g. "王老师 is typing". */
  name: string;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}

export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}
