import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type ServerOptions } from "socket.io";
import { registerChatHandlers } from "~/modules/chat/chat.socket.server";
import { conversationIdsOf, flushDelivered } from "~/modules/chat/chat.server";
import { countUnread as countUnreadMessages } from "~/modules/chat/receipts.server";
import { countUnread as countUnreadNotifications } from "~/modules/notifications/notifications.server";
import {
  conversationRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "~/modules/realtime/events";
import { onConversationEvent, onRoomJoin, onUserEvent } from "~/modules/realtime/bus.server";
import { getSessionUser, readSessionId } from "~/modules/users/session.server";
import { isCrossOrigin } from "./security";

export type AppSocketServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const DELIVERED_FLUSH_MS = 1000;

/**
 * Socket.IO on the app's own HTTP server. A connection is accepted only with a valid session
 * cookie (the same one the pages use) and only from the app's own origin. `adapter` connects
 * several app instances (see server/socket-adapter.ts); without it, one instance serves all.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  log: Logger,
  options: { adapter?: ServerOptions["adapter"] } = {},
): AppSocketServer {
  const io: AppSocketServer = new Server(httpServer, {
    serveClient: false,
    adapter: options.adapter,
    // No connection-state recovery: with the in-memory adapter it kept every packet sent to a room
    // for two minutes (240,000 at 2,000 chat messages a second) and gave them offsets, which cost
    // the chat bench's slowest deliveries 116 → 69 ms at p95; the PostgreSQL adapter never had it.
    // A client that comes back catches up by itself: chat by sequence number (decision 009), and
    // the badges from the unread counts sent with every connection below.
    allowRequest: (req, callback) => {
      const refused = isCrossOrigin({
        origin: req.headers.origin,
        host: req.headers.host,
        "sec-fetch-site": req.headers["sec-fetch-site"] as string | undefined,
      });
      callback(refused ? "cross-origin" : null, !refused);
    },
  });

  io.use(async (socket, next) => {
    try {
      const sessionId = await readSessionId(socket.handshake.headers.cookie);
      const user = sessionId ? await getSessionUser(sessionId) : null;
      if (!user || !sessionId) return next(new Error("unauthorized"));
      socket.data = { userId: user.id, sessionId, name: user.displayName };
      next();
    } catch (error) {
      log.error({ err: error }, "socket authentication failed");
      next(new Error("unavailable"));
    }
  });

  // Services publish through the in-process bus; through the adapter these reach every instance.
  const unsubscribers = [
    onUserEvent(({ userId, event, payload }) => {
      io.to(userRoom(userId)).emit(event, payload as never);
    }),
    onConversationEvent(({ conversationId, event, payload }) => {
      io.to(conversationRoom(conversationId)).emit(event, payload as never);
    }),
    onRoomJoin(({ userId, conversationId }) => {
      io.in(userRoom(userId)).socketsJoin(conversationRoom(conversationId));
    }),
  ];
  const flusher = setInterval(() => {
    flushDelivered().catch((error: unknown) => log.error({ err: error }, "saving delivered marks failed"));
  }, DELIVERED_FLUSH_MS);
  flusher.unref();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(flusher);
    for (const unsubscribe of unsubscribers) unsubscribe();
    flushDelivered().catch(() => undefined);
  };
  io.engine.on("close", stop);
  httpServer.on("close", stop);

  io.on("connection", (socket) => {
    // A client checking that its link still carries answers (app/modules/chat/chat-link.ts).
    socket.on("link:ping", (ack: unknown) => {
      if (typeof ack === "function") (ack as (result: { ok: true }) => void)({ ok: true });
    });
    registerChatHandlers(io, socket, log);
    void (async () => {
      await socket.join(userRoom(socket.data.userId));
      try {
        const conversations = await conversationIdsOf(socket.data.userId);
        await socket.join(conversations.map(conversationRoom));
      } catch (error) {
        log.error({ err: error }, "joining conversation rooms failed");
      }
      socket.emit("session:ready", { userId: socket.data.userId });
      // What the badges missed while the phone was away (the page's own counts may be older).
      try {
        const [notifications, messages] = await Promise.all([
          countUnreadNotifications(socket.data.userId),
          countUnreadMessages(socket.data.userId),
        ]);
        socket.emit("notification:unread", { unreadCount: notifications });
        socket.emit("chat:unread", { unreadCount: messages });
      } catch (error) {
        log.error({ err: error }, "counting unread items for a new connection failed");
      }
    })();
  });

  return io;
}
