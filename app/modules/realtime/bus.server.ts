import { EventEmitter } from "node:events";
import { singleton } from "~/utils/singleton.server";
import type { ServerToClientEvents } from "./events";

export interface UserEvent<E extends keyof ServerToClientEvents = keyof ServerToClientEvents> {
  userId: string;
  event: E;
  payload: Parameters<ServerToClientEvents[E]>[0];
}

/**
 * Services publish events for users here; the Socket.IO layer (server/socket.ts) forwards them to
 * the user's room. Services never see the `io` instance, so they run in tests without sockets.
 */
const bus = singleton("realtime-bus", () => new EventEmitter().setMaxListeners(50));

export function publishToUser<E extends keyof ServerToClientEvents>(
  userId: string,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
): void {
  bus.emit("user-event", { userId, event, payload } satisfies UserEvent<E>);
}

export function onUserEvent(listener: (event: UserEvent) => void): () => void {
  bus.on("user-event", listener);
  return () => bus.off("user-event", listener);
}
