import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import {
  conversationRoom,
  userRoom,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "~/modules/realtime/events";
import { isDomainError } from "~/utils/errors";
import { JoinPayload, ReceiptPayload, SendPayload, SyncPayload, TypingPayload } from "./chat.schema";
import { markDelivered, markRead, messagesAfter, requireParticipant, sendMessage } from "./chat.server";
import { createRateLimiter } from "./rate-limit";

type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Four messages a second sustained per connection, with room for a burst of twenty (pasted lines). */
export const SEND_LIMIT = { burst: 20, refillMs: 250 };
/** Everything else a connection sends (receipts, typing, joins, catch-ups). */
const OTHER_LIMIT = { burst: 60, refillMs: 100 };

const KNOWN_MESSAGE = /^(chat\.errors\.|errors\.)/;

function refusal(error: unknown, log: Logger): { ok: false; error: string } {
  if (error instanceof z.ZodError) {
    const message = error.issues[0]?.message ?? "";
    return { ok: false, error: KNOWN_MESSAGE.test(message) ? message : "chat.errors.invalid" };
  }
  if (isDomainError(error)) return { ok: false, error: error.messageKey };
  log.error({ err: error }, "chat request failed");
  return { ok: false, error: "chat.errors.unavailable" };
}

/**
 * Chat over Socket.IO. Like a route, each handler parses its payload with zod, checks who may do
 * it, calls one service function and emits. Every handler that takes an acknowledgement answers
 * exactly once, with `{ ok: true, … }` or `{ ok: false, error: <message key> }`.
 */
export function registerChatHandlers(io: ChatServer, socket: ChatSocket, log: Logger): void {
  const { userId } = socket.data;
  const sends = createRateLimiter(SEND_LIMIT);
  const others = createRateLimiter(OTHER_LIMIT);

  // Ack callbacks come from the client: one that is not a function is ignored, never called.
  function handle<P, R extends object>(
    schema: z.ZodType<P>,
    limiter: typeof sends,
    work: (payload: P) => Promise<Ack<R>>,
  ) {
    return async (raw: unknown, ack?: unknown) => {
      const reply = (result: Ack<R>) => {
        if (typeof ack === "function") (ack as (result: Ack<R>) => void)(result);
      };
      const allowed = limiter.take();
      if (!allowed.ok)
        return reply({ ok: false, error: "chat.errors.rate_limited", retryAfterMs: allowed.retryAfterMs });
      try {
        reply(await work(schema.parse(raw)));
      } catch (error) {
        reply(refusal(error, log));
      }
    };
  }

  /** The conversation, if the user takes part in it (a refusal is audited and logged). */
  async function admit(conversationId: string) {
    try {
      return await requireParticipant(userId, conversationId, { ip: socket.handshake.address });
    } catch (error) {
      if (isDomainError(error) && error.code === "chat.not_participant")
        log.warn({ userId, conversationId }, "chat: refused a non-participant");
      throw error;
    }
  }

  /** In the room already (checked when it joined), or a participant now: join and go on. */
  async function enter(conversationId: string) {
    const room = conversationRoom(conversationId);
    if (socket.rooms.has(room)) return;
    await admit(conversationId);
    await socket.join(room);
  }

  socket.on(
    "chat:join",
    handle(JoinPayload, others, async ({ conversationId }) => {
      const conversation = await admit(conversationId);
      await socket.join(conversationRoom(conversationId));
      return { ok: true, lastSeq: conversation.lastSeq };
    }),
  );

  // One connection's messages are stored one after another, in the order they arrived, so two
  // messages typed quickly never swap places.
  let sending: Promise<unknown> = Promise.resolve();
  socket.on(
    "chat:send",
    handle(SendPayload, sends, (payload) => {
      const run = sending.then(async () => {
        await enter(payload.conversationId);
        const { message, created } = await sendMessage({ senderId: userId, ...payload });
        // Stored first, acknowledged second, broadcast third: a message anyone sees is never lost.
        // A resend of a stored message is acknowledged again but not broadcast twice.
        if (created) io.to(conversationRoom(payload.conversationId)).emit("chat:message", { message });
        return { ok: true as const, message };
      });
      sending = run.catch(() => undefined);
      return run;
    }),
  );

  socket.on(
    "chat:sync",
    handle(SyncPayload, others, async ({ conversationId, afterSeq }) => {
      await enter(conversationId);
      return { ok: true, ...(await messagesAfter(conversationId, afterSeq)) };
    }),
  );

  socket.on(
    "chat:read",
    handle(ReceiptPayload, others, async ({ conversationId, seq }) => {
      await enter(conversationId);
      const marks = await markRead(userId, conversationId, seq);
      io.to(conversationRoom(conversationId)).emit("chat:receipt", {
        conversationId,
        userId,
        readSeq: marks.readSeq,
        deliveredSeq: marks.deliveredSeq,
      });
      io.to(userRoom(userId)).emit("chat:unread", { unreadCount: marks.unreadCount });
      return { ok: true, unreadCount: marks.unreadCount };
    }),
  );

  socket.on(
    "chat:delivered",
    handle(ReceiptPayload, others, async ({ conversationId, seq }) => {
      await enter(conversationId);
      markDelivered(userId, conversationId, seq);
      socket
        .to(conversationRoom(conversationId))
        .emit("chat:receipt", { conversationId, userId, deliveredSeq: seq });
      return { ok: true };
    }),
  );

  socket.on(
    "chat:typing",
    handle(TypingPayload, others, async ({ conversationId }) => {
      await enter(conversationId);
      // Volatile: a typing hint that cannot be sent right now is not worth sending late.
      socket
        .to(conversationRoom(conversationId))
        .volatile.emit("chat:typing", { conversationId, userId, name: socket.data.name });
      return { ok: true };
    }),
  );
}
