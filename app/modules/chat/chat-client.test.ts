import { describe, expect, it } from "vitest";
import type { ChatMessageView } from "~/modules/realtime/events";
import { createChatSession } from "./chat-client";

// A socket that records what the session asks and answers from `messages` (the server's side).
function fakeServer(messages: ChatMessageView[]) {
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  const syncs: number[] = [];
  const socket = {
    connected: true,
    io: { engine: { close() {} } },
    on(event: string, handler: (payload: unknown) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return socket;
    },
    off(event: string, handler: (payload: unknown) => void) {
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((h) => h !== handler),
      );
      return socket;
    },
    emit() {
      return socket;
    },
    connect() {},
    disconnect() {},
    timeout() {
      return {
        emitWithAck: async (event: string, payload?: { afterSeq?: number }) => {
          if (event !== "chat:sync") return { ok: true };
          syncs.push(payload!.afterSeq!);
          return { ok: true, messages: messages.filter((m) => m.seq > payload!.afterSeq!), hasMore: false };
        },
      };
    },
  };
  const push = (message: ChatMessageView) => {
    for (const handler of handlers.get("chat:message") ?? []) handler({ message });
  };
  return { socket, syncs, push };
}

const message = (seq: number): ChatMessageView => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  senderId: "expert",
  senderName: "专家",
  clientId: `k${seq}`,
  body: `消息 ${seq}`,
  attachment: null,
  createdAt: new Date(Date.UTC(2026, 11, 7, 8, seq)).toISOString(),
});

const until = async (check: () => boolean) => {
  for (let turn = 0; turn < 200 && !check(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
};

describe("the chat session's catch-up", () => {
  it("asks again from the last message it holds all messages up to when a live one arrives past a gap", async () => {
    const stored = [1, 2, 3].map(message);
    const server = fakeServer(stored);
    const session = createChatSession(server.socket as never, {
      conversationId: "c1",
      userId: "head",
      initialMessages: stored.slice(),
      heartbeatMs: 60_000,
    });
    await until(() => server.syncs.length === 1);
    expect(server.syncs).toEqual([3]);
    // 4 and 5 were sent while this phone was away; 6 arrives live before any catch-up asked for them.
    stored.push(message(4), message(5), message(6));
    server.push(message(6));
    await until(() => session.state.messages.length === 6);
    expect(server.syncs).toEqual([3, 3]);
    expect(session.state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing missing now: the next live message asks nothing.
    stored.push(message(7));
    server.push(message(7));
    await until(() => session.state.messages.length === 7);
    expect(server.syncs).toEqual([3, 3]);
    session.close();
  });
});
