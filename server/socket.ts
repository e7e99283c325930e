import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import {
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "~/modules/realtime/events";
import { onUserEvent } from "~/modules/realtime/bus.server";
import { getSessionUser, readSessionId } from "~/modules/users/session.server";
import { isCrossOrigin } from "./security";

export type AppSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Socket.IO on the app's own HTTP server. A connection is accepted only with a valid session
 * cookie (the same one the pages use) and only from the app's own origin.
 */
export function attachSocketServer(httpServer: HttpServer, log: Logger): AppSocketServer {
  const io: AppSocketServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
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
      socket.data = { userId: user.id, sessionId };
      next();
    } catch (error) {
      log.error({ err: error }, "socket authentication failed");
      next(new Error("unavailable"));
    }
  });

  const unsubscribe = onUserEvent(({ userId, event, payload }) => {
    io.to(userRoom(userId)).emit(event, payload as never);
  });
  io.engine.on("close", unsubscribe);
  httpServer.on("close", unsubscribe);

  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId));
    socket.emit("session:ready", { userId: socket.data.userId });
  });

  return io;
}
