import type { Socket } from "socket.io-client";
import { watchLink } from "./chat-link";
import { newClientId } from "./client-id";
import type { OutboxEntry, OutboxStore } from "./outbox-store";
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
  createdAt: number;
  /** A photo or a voice note going out by upload; `progress` is the share of it sent so far (0–1). */
  image?: Blob;
  imageName?: string;
  audio?: Blob;
  audioName?: string;
  progress?: number;
  status: "sending" | "failed";
  /** Message key of the last refusal (e.g. rate limited), shown beside the message. */
  error?: string;
  retryAfterMs?: number;
}

/** What a message may carry besides text: one photo or one voice note. */
export type MessageAttachment = { image: Blob; imageName: string } | { audio: Blob; audioName: string };

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
  /** Where unsent messages are kept across reloads (the browser's IndexedDB); memory only without. */
  outbox?: OutboxStore | null;
  /** Sends a message with a photo or a voice note (an HTTP upload); resolves when it is stored. */
  upload?: (message: PendingMessage, onProgress: (share: number) => void) => Promise<UploadResult>;
  ackTimeoutMs?: number;
  /** How often a quiet link is checked, and how long its answer may take. */
  heartbeatMs?: number;
  /** How long a typing hint stays on screen without a new one. */
  typingMs?: number;
}

export type UploadResult =
  | { ok: true }
  /** Refused by the server (a message key): the message is marked failed. */
  | { ok: false; error: string }
  /** The link dropped during the upload: it goes out again later. */
  | { ok: false; error: null };

/**
 * One conversation over the tab's socket, with the delivery rules that make chat lose nothing:
 * - a message gets its client id once and keeps it on every resend, so the server stores it once;
 * - it is kept in the outbox (the device's IndexedDB) and stays pending until the server
 *   acknowledges it as stored; after a reconnect, a reload or a restart the pending ones are sent
 *   again, one after another, in the order they were written;
 * - a dead link is found quickly — an answer that does not come in time, a quiet link that does
 *   not answer a heartbeat, the browser saying it is offline — and the socket is reconnected then,
 *   instead of believing in a connection until its ping time-out;
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
  const outbox = options.outbox ?? null;
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
  // Each outbox write waits for the one before it, so a removal never overtakes its own put.
  let stored: Promise<unknown> = Promise.resolve();
  let flushing = false;
  let closed = false;

  function changed() {
    state.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
    options.onChange?.({
      ...state,
      pending: state.pending.map((entry) => ({ ...entry })),
      typing: [...state.typing],
    });
  }

  function keep(write: (store: OutboxStore) => Promise<void>) {
    if (!outbox) return;
    stored = stored.then(() => write(outbox)).catch(() => undefined);
  }

  function entryOf(pending: PendingMessage): OutboxEntry {
    return {
      clientId: pending.clientId,
      userId,
      conversationId,
      body: pending.body,
      createdAt: pending.createdAt,
      image: pending.image,
      imageName: pending.imageName,
      audio: pending.audio,
      audioName: pending.audioName,
      error: pending.status === "failed" ? pending.error : undefined,
    };
  }

  function settle(clientId: string) {
    state.pending = state.pending.filter((pending) => pending.clientId !== clientId);
    keep((store) => store.remove(clientId));
  }

  /** The highest sequence number held (what "read up to" means). */
  function lastSeq(): number {
    let highest = 0;
    for (const message of byId.values()) highest = Math.max(highest, message.seq);
    return highest;
  }

  /**
   * Every message up to this sequence number is held, so a catch-up asks for what comes after it,
   * not after the highest held: a live message that arrives between a reconnect's join and its
   * catch-up (or while a catch-up is answered) would otherwise hide the ones sent while away.
   * Sequence numbers are consecutive in a conversation; the first page loaded is complete.
   */
  let heldThrough = lastSeq();
  const heldSeqs = new Set([...byId.values()].map((message) => message.seq));
  function advance() {
    while (heldSeqs.has(heldThrough + 1)) heldThrough += 1;
  }

  function delivered(clientId: string): boolean {
    for (const message of byId.values())
      if (message.senderId === userId && message.clientId === clientId) return true;
    return false;
  }

  function accept(message: ChatMessageView): boolean {
    if (message.conversationId !== conversationId || byId.has(message.id)) return false;
    byId.set(message.id, message);
    heldSeqs.add(message.seq);
    advance();
    // Our own message came back (live, or in a catch-up after its ack was lost): no longer pending.
    if (message.senderId === userId) settle(message.clientId);
    else options.onIncoming?.(message);
    return true;
  }

  async function catchUp() {
    for (;;) {
      const result = await socket
        .timeout(ackTimeoutMs)
        .emitWithAck("chat:sync", { conversationId, afterSeq: heldThrough });
      if (!result.ok) return;
      let added = false;
      for (const message of result.messages) added = accept(message) || added;
      if (added) changed();
      if (!result.hasMore) {
        // The server had nothing else up to its newest: held through that, whatever the numbers.
        for (const message of result.messages) heldThrough = Math.max(heldThrough, message.seq);
        return;
      }
    }
  }

  // A live message past a gap: catch up now (one at a time; again if more gaps showed meanwhile),
  // and try again a little later while the socket stays connected but the answer was lost.
  let catchingUp = false;
  let gapAgain = false;
  async function fillGap() {
    if (catchingUp) {
      gapAgain = true;
      return;
    }
    catchingUp = true;
    try {
      do {
        gapAgain = false;
        await catchUp();
      } while (gapAgain && !closed);
    } catch {
      if (!closed && socket.connected) setTimeout(() => void fillGap(), ackTimeoutMs);
    } finally {
      catchingUp = false;
    }
  }
  function checkGap() {
    if (!closed && lastSeq() > heldThrough) void fillGap();
  }

  function refuse(pending: PendingMessage, error: string, retryAfterMs?: number) {
    pending.status = "failed";
    pending.error = error;
    pending.retryAfterMs = retryAfterMs;
    keep((store) => store.put(entryOf(pending)));
    changed();
  }

  /** Sends one message; false when the link dropped and the rest must wait for a reconnect. */
  async function deliver(next: PendingMessage): Promise<boolean> {
    if (next.image || next.audio) {
      if (!options.upload) return false;
      const result = await options.upload(next, (share) => {
        next.progress = share;
        changed();
      });
      if (result.ok) {
        // The stored message comes with the catch-up; until then it leaves the outbox.
        settle(next.clientId);
        changed();
        await catchUp().catch(() => undefined);
        return true;
      }
      next.progress = undefined;
      if (result.error === null) return false;
      refuse(next, result.error);
      return true;
    }
    let result;
    try {
      result = await socket
        .timeout(ackTimeoutMs)
        .emitWithAck("chat:send", { conversationId, clientId: next.clientId, body: next.body });
    } catch {
      // No answer in time: the link is probably gone. The message stays pending (same id) and the
      // link is checked now rather than at the socket's own time-out.
      link.suspect();
      return false;
    }
    if (result.ok) {
      if (!accept(result.message)) settle(next.clientId);
      changed();
      checkGap();
    } else if (result.error === "chat.errors.rate_limited") {
      // Too fast: the message waits its turn and goes out by itself.
      await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs ?? 1000));
    } else {
      refuse(next, result.error, result.retryAfterMs);
    }
    return true;
  }

  /** Sends pending messages one at a time, oldest first, until none is left or the link drops. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      while (!closed && socket.connected) {
        const next = state.pending.find((pending) => pending.status === "sending");
        if (!next || !(await deliver(next))) return;
      }
    } finally {
      flushing = false;
    }
  }

  function queue(pending: PendingMessage) {
    state.pending.push(pending);
    state.pending.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** What an earlier visit left in the outbox (a reload, a restart) goes out first. */
  async function restore() {
    if (!outbox) return;
    const entries = await outbox.list(userId, conversationId).catch(() => []);
    for (const entry of entries) {
      if (state.pending.some((pending) => pending.clientId === entry.clientId)) continue;
      if (delivered(entry.clientId)) {
        keep((store) => store.remove(entry.clientId));
        continue;
      }
      queue({
        clientId: entry.clientId,
        body: entry.body,
        createdAt: entry.createdAt,
        image: entry.image,
        imageName: entry.imageName,
        audio: entry.audio,
        audioName: entry.audioName,
        status: entry.error ? "failed" : "sending",
        error: entry.error,
      });
    }
    changed();
  }

  const onMessage: ServerToClientEvents["chat:message"] = ({ message }) => {
    if (!accept(message)) return;
    changed();
    checkGap();
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
        checkGap();
      } catch {
        link.suspect();
        return; // dropped again: the next connect starts over
      }
      await flush();
    })();
  };
  const onDisconnect = () => {
    state.connected = false;
    changed();
  };

  const link = watchLink(socket, {
    heartbeatMs: options.heartbeatMs ?? 10_000,
    answerMs: Math.min(ackTimeoutMs, 5000),
    onDown: onDisconnect,
  });
  socket.on("chat:message", onMessage);
  socket.on("chat:receipt", onReceipt);
  socket.on("chat:typing", onTyping);
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  const restored = restore();
  void restored.then(() => {
    if (socket.connected) onConnect();
  });
  changed();

  return {
    get state(): ChatState {
      return state;
    },
    /** Resolves once what an earlier visit left in the outbox has been read back. */
    restored,
    /**
     * Queues a message (kept on the device) and sends it as soon as the link allows; returns its id.
     * A photo or a voice note goes with it by upload.
     */
    send(body: string, attachment?: MessageAttachment, clientId = newClientId()): string {
      // Two messages sent in the same millisecond (a photo, then a voice note) keep their order.
      const last = state.pending.at(-1)?.createdAt ?? 0;
      const pending: PendingMessage = {
        clientId,
        body,
        createdAt: Math.max(Date.now(), last + 1),
        status: "sending",
        ...attachment,
      };
      queue(pending);
      keep((store) => store.put(entryOf(pending)));
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
      keep((store) => store.put(entryOf(pending)));
      changed();
      void flush();
    },
    /** Gives up a message the server refused: it leaves the screen and the device. */
    discard(clientId: string) {
      settle(clientId);
      changed();
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
    /** The browser says the network is gone or back (its offline/online events). */
    offline: () => link.offline(),
    online: () => link.online(),
    lastSeq,
    /** Resolves when every outbox write so far has finished. */
    stored: () => stored,
    close() {
      closed = true;
      link.stop();
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
