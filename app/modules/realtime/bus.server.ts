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

export interface ConversationEvent<E extends keyof ServerToClientEvents = keyof ServerToClientEvents> {
  conversationId: string;
  event: E;
  payload: Parameters<ServerToClientEvents[E]>[0];
}

/** An event for everyone connected to a conversation (e.g. a message sent through a plain form). */
export function publishToConversation<E extends keyof ServerToClientEvents>(
  conversationId: string,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
): void {
  bus.emit("conversation-event", { conversationId, event, payload } satisfies ConversationEvent<E>);
}

export function onConversationEvent(listener: (event: ConversationEvent) => void): () => void {
  bus.on("conversation-event", listener);
  return () => bus.off("conversation-event", listener);
}

/** The user's open connections join a conversation they were just added to. */
export function joinConversationRoom(userId: string, conversationId: string): void {
  bus.emit("room-join", { userId, conversationId });
}

export function onRoomJoin(listener: (join: { userId: string; conversationId: string }) => void): () => void {
  bus.on("room-join", listener);
  return () => bus.off("room-join", listener);
}
