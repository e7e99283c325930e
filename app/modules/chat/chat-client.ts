import type { Socket } from "socket.io-client";
import type {
  ChatMessageView,
  ChatReceipt,
  ClientToServerEvents,
  ServerToClientEvents,
} from "~/modules/realtime/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface PendingMessage {
  clientId: string;
  body: string;
  status: "sending" | "failed";
  /** Message key of the last refusal (e.g. rate limited), shown beside the message. */
  error?: string;
  retryAfterMs?: number;
}

export interface ChatState {
  /** Stored messages, in conversation order, each once. */
  messages: ChatMessageView[];
  /** Messages of this device not yet acknowledged as stored, in the order they were written. */
  pending: PendingMessage[];
  receipts: Record<string, { deliveredSeq: number; readSeq: number }>;
  typing: { userId: string; name: string }[];
  connected: boolean;
}

export interface ChatSessionOptions {
  conversationId: string;
  userId: string;
  /** What the page was rendered with. */
  initialMessages?: ChatMessageView[];
  initialReceipts?: ChatState["receipts"];
  onChange?: (state: ChatState) => void;
  /** Called for each message from someone else that arrives live or in a catch-up. */
  onIncoming?: (message: ChatMessageView) => void;
  ackTimeoutMs?: number;
  /** How long a typing hint stays on screen without a new one. */
  typingMs?: number;
}

/**
 * A message id that works on plain-http pages too (crypto.randomUUID needs a secure context):
 * an RFC 4122 version 4 UUID from getRandomValues.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One conversation over the tab's socket, with the delivery rules that make chat lose nothing:
 * - a message gets its client id once and keeps it on every resend, so the server stores it once;
 * - it stays pending until the server acknowledges it as stored; on a reconnect the pending ones
 *   are sent again, one after another, in the order they were written;
 * - after every (re)connect the session asks for everything after the last message it has
 *   (the server's sequence numbers), so what was missed while away arrives;
 * - messages are kept by id and sorted by sequence number, so a message that arrives both live
 *   and in a catch-up is shown once.
 * Works the same in the browser and in Node (the tests and the chat benchmark use it).
 */
export function createChatSession(socket: ClientSocket, options: ChatSessionOptions) {
  const { conversationId, userId } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  const typingMs = options.typingMs ?? 4000;
  const byId = new Map<string, ChatMessageView>();
  for (const message of options.initialMessages ?? []) byId.set(message.id, message);
  const state: ChatState = {
    messages: [],
    pending: [],
    receipts: { ...(options.initialReceipts ?? {}) },
    typing: [],
    connected: socket.connected,
  };
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let flushing = false;
  let closed = false;

  function changed() {
    state.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
    options.onChange?.({ ...state, pending: [...state.pending], typing: [...state.typing] });
  }

  /** The highest sequence number held: a catch-up asks for what comes after it. */
  function lastSeq(): number {
    let highest = 0;
    for (const message of byId.values()) highest = Math.max(highest, message.seq);
    return highest;
  }

  function accept(message: ChatMessageView): boolean {
    if (message.conversationId !== conversationId || byId.has(message.id)) return false;
    byId.set(message.id, message);
    // Our own message came back (live, or in a catch-up after its ack was lost): no longer pending.
    if (message.senderId === userId)
      state.pending = state.pending.filter((pending) => pending.clientId !== message.clientId);
    else options.onIncoming?.(message);
    return true;
  }

  async function catchUp() {
    for (;;) {
      const result = await socket
        .timeout(ackTimeoutMs)
        .emitWithAck("chat:sync", { conversationId, afterSeq: lastSeq() });
      if (!result.ok) return;
      let added = false;
      for (const message of result.messages) added = accept(message) || added;
      if (added) changed();
      if (!result.hasMore) return;
    }
  }

  /** Sends pending messages one at a time, oldest first, until none is left or the link drops. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (!closed && socket.connected) {
        const next = state.pending.find((pending) => pending.status === "sending");
        if (!next) return;
        let result;
        try {
          result = await socket
            .timeout(ackTimeoutMs)
            .emitWithAck("chat:send", { conversationId, clientId: next.clientId, body: next.body });
        } catch {
          // No answer in time: the link is probably gone. The message stays pending and goes out
          // again (same id) when the socket reconnects.
          return;
        }
        if (result.ok) {
          if (accept(result.message)) changed();
          else {
            state.pending = state.pending.filter((pending) => pending.clientId !== next.clientId);
            changed();
          }
        } else if (result.error === "chat.errors.rate_limited") {
          // Too fast: the message waits its turn and goes out by itself.
          await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 1000));
        } else {
          next.status = "failed";
          next.error = result.error;
          next.retryAfterMs = result.retryAfterMs;
          changed();
        }
      }
    } finally {
      flushing = false;
    }
  }

  const onMessage: ServerToClientEvents["chat:message"] = ({ message }) => {
    if (accept(message)) changed();
  };
  const onReceipt: ServerToClientEvents["chat:receipt"] = (receipt: ChatReceipt) => {
    if (receipt.conversationId !== conversationId) return;
    const current = state.receipts[receipt.userId] ?? { deliveredSeq: 0, readSeq: 0 };
    state.receipts[receipt.userId] = {
      deliveredSeq: Math.max(current.deliveredSeq, receipt.deliveredSeq ?? 0, receipt.readSeq ?? 0),
      readSeq: Math.max(current.readSeq, receipt.readSeq ?? 0),
    };
    changed();
  };
  const onTyping: ServerToClientEvents["chat:typing"] = ({ conversationId: id, userId: typist, name }) => {
    if (id !== conversationId || typist === userId) return;
    clearTimeout(typingTimers.get(typist));
    if (!state.typing.some((entry) => entry.userId === typist)) state.typing.push({ userId: typist, name });
    typingTimers.set(
      typist,
      setTimeout(() => {
        state.typing = state.typing.filter((entry) => entry.userId !== typist);
        changed();
      }, typingMs),
    );
    changed();
  };
  const onConnect = () => {
    state.connected = true;
    changed();
    void (async () => {
      try {
        await socket.timeout(ackTimeoutMs).emitWithAck("chat:join", { conversationId });
        await catchUp();
      } catch {
        return; // dropped again: the next connect starts over
      }
      await flush();
    })();
  };
  const onDisconnect = () => {
    state.connected = false;
    changed();
  };

  socket.on("chat:message", onMessage);
  socket.on("chat:receipt", onReceipt);
  socket.on("chat:typing", onTyping);
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  if (socket.connected) onConnect();
  changed();

  return {
    get state(): ChatState {
      return state;
    },
    /** Queues a message and sends it as soon as the link allows; returns its client id. */
    send(body: string, clientId = newClientId()): string {
      state.pending.push({ clientId, body, status: "sending" });
      changed();
      void flush();
      return clientId;
    },
    /** Sends a failed message again with the same id. */
    retry(clientId: string) {
      const pending = state.pending.find((entry) => entry.clientId === clientId);
      if (!pending) return;
      pending.status = "sending";
      pending.error = undefined;
      changed();
      void flush();
    },
    /** Tells the others how far this user has read (the newest message held). */
    async markRead(): Promise<number | null> {
      const seq = lastSeq();
      if (seq === 0 || !socket.connected) return null;
      const result = await socket
        .timeout(ackTimeoutMs)
        .emitWithAck("chat:read", { conversationId, seq })
        .catch(() => null);
      return result?.ok ? result.unreadCount : null;
    },
    markDelivered(seq: number) {
      if (socket.connected) socket.emit("chat:delivered", { conversationId, seq });
    },
    typing() {
      if (socket.connected) socket.emit("chat:typing", { conversationId });
    },
    lastSeq,
    close() {
      closed = true;
      for (const timer of typingTimers.values()) clearTimeout(timer);
      socket.off("chat:message", onMessage);
      socket.off("chat:receipt", onReceipt);
      socket.off("chat:typing", onTyping);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
    },
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
