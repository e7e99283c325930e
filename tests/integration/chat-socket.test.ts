import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createChatSession, type ClientSocket } from "~/modules/chat/chat-client";
import type { ChatMessageView } from "~/modules/realtime/events";
import { useTestDatabase } from "../support/database";
import { chatClient, createApplicationChat, waitFor } from "../support/chat-factories";
import { createExpert } from "../support/needs-factories";
import { useSocketServer } from "../support/socket-server";

useTestDatabase();
const server = useSocketServer();
const opened: ClientSocket[] = [];

async function client(userId: string) {
  const socket = await chatClient(server.url, userId);
  opened.push(socket);
  return socket;
}

afterEach(() => {
  for (const socket of opened.splice(0)) socket.disconnect();
});

describe("chat over Socket.IO", () => {
  it("delivers a message live to the other side, stored before it is acknowledged", async () => {
    const chat = await createApplicationChat();
    const expert = await client(chat.expert.id);
    const head = await client(chat.head.id);
    const received = new Promise<ChatMessageView>((resolve) =>
      head.on("chat:message", ({ message }) => resolve(message)),
    );
    const ack = await expert.emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: "您好 <b>王社长</b>",
    });
    expect(ack.ok).toBe(true);
    const message = await received;
    expect(message).toMatchObject({ body: "您好 <b>王社长</b>", senderId: chat.expert.id, seq: 1 });
    expect(await db.message.count({ where: { id: message.id } })).toBe(1);
  });

  it("refuses a non-participant's join and send, and logs the attempt", async () => {
    const chat = await createApplicationChat();
    const outsider = await createExpert();
    const socket = await client(outsider.id);
    const spy = new Promise<boolean>((resolve) => {
      socket.on("chat:message", () => resolve(true));
      setTimeout(() => resolve(false), 500);
    });
    expect(await socket.emitWithAck("chat:join", { conversationId: chat.conversation.id })).toEqual({
      ok: false,
      error: "chat.errors.not_participant",
    });
    const sent = await socket.emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: "让我进去",
    });
    expect(sent).toEqual({ ok: false, error: "chat.errors.not_participant" });
    await (
      await client(chat.expert.id)
    ).emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: "内部消息",
    });
    expect(await spy).toBe(false);
    expect(await db.auditLog.count({ where: { action: "chat.join_refused", actorId: outsider.id } })).toBe(2);
    expect(await db.message.count({ where: { senderId: outsider.id } })).toBe(0);
  });

  it("answers malformed payloads with a message key, never storing anything", async () => {
    const chat = await createApplicationChat();
    const socket = await client(chat.expert.id);
    const base = { conversationId: chat.conversation.id, clientId: randomUUID() };
    expect(await socket.emitWithAck("chat:send", { ...base, body: "x".repeat(2001) })).toEqual({
      ok: false,
      error: "chat.errors.too_long",
    });
    expect(await socket.emitWithAck("chat:send", { ...base, body: " \u200B\u202E " })).toEqual({
      ok: false,
      error: "chat.errors.empty",
    });
    expect(await socket.emitWithAck("chat:send", { ...base, clientId: "not-a-uuid", body: "hi" })).toEqual({
      ok: false,
      error: "chat.errors.client_id",
    });
    expect(await socket.emitWithAck("chat:send", { conversationId: 42, body: null } as never)).toMatchObject({
      ok: false,
    });
    expect(
      await socket.emitWithAck("chat:sync", { conversationId: chat.conversation.id, afterSeq: -1 }),
    ).toMatchObject({ ok: false });
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(0);
  });

  it("limits how fast one connection sends, and says how long to wait", async () => {
    const chat = await createApplicationChat();
    const socket = await client(chat.expert.id);
    const results = await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        socket.emitWithAck("chat:send", {
          conversationId: chat.conversation.id,
          clientId: randomUUID(),
          body: `第 ${i} 条`,
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(20);
    const refused = results.filter((result) => !result.ok);
    expect(refused[0]).toMatchObject({ ok: false, error: "chat.errors.rate_limited" });
    expect((refused[0] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    // Stored in the order sent.
    const stored = await db.message.findMany({
      where: { conversationId: chat.conversation.id },
      orderBy: { seq: "asc" },
      select: { body: true },
    });
    expect(stored.map((message) => message.body)).toEqual(Array.from({ length: 20 }, (_, i) => `第 ${i} 条`));
  });

  it("loses and duplicates nothing when both sides drop mid-stream and reconnect", async () => {
    const chat = await createApplicationChat();
    const expertSocket = await client(chat.expert.id);
    const headSocket = await client(chat.head.id);
    const sender = createChatSession(expertSocket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      ackTimeoutMs: 1000,
    });
    const receiver = createChatSession(headSocket, {
      conversationId: chat.conversation.id,
      userId: chat.head.id,
      ackTimeoutMs: 1000,
    });
    const reconnects = { expert: 0, head: 0 };
    expertSocket.io.on("reconnect", () => reconnects.expert++);
    headSocket.io.on("reconnect", () => reconnects.head++);
    const total = 30;
    for (let i = 0; i < total; i++) {
      sender.send(`消息 ${i}`);
      // Drop the sender right after a send (its ack may be lost), later the receiver, then both.
      if (i === 8) expertSocket.io.engine.close();
      if (i === 16) headSocket.io.engine.close();
      if (i === 24) {
        expertSocket.io.engine.close();
        headSocket.io.engine.close();
      }
      await new Promise((resolve) => setTimeout(resolve, i % 3 === 0 ? 40 : 5));
    }
    await waitFor(
      () => sender.state.pending.length === 0 && receiver.state.messages.length >= total,
      20_000,
      "every message to arrive",
    );
    expect(reconnects).toEqual({ expert: 2, head: 2 });
    const expected = Array.from({ length: total }, (_, i) => `消息 ${i}`);
    expect(receiver.state.messages.map((message) => message.body)).toEqual(expected);
    expect(sender.state.messages.map((message) => message.body)).toEqual(expected);
    expect(new Set(receiver.state.messages.map((message) => message.id)).size).toBe(total);
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(total);
    sender.close();
    receiver.close();
  }, 30_000);

  it("sends read receipts and live unread counts to the other side", async () => {
    const chat = await createApplicationChat();
    const expertSocket = await client(chat.expert.id);
    const headSocket = await client(chat.head.id);
    const sender = createChatSession(expertSocket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
    });
    const reader = createChatSession(headSocket, {
      conversationId: chat.conversation.id,
      userId: chat.head.id,
    });
    sender.send("方案发您了");
    await waitFor(() => reader.state.messages.length === 1, 5000, "the message");
    const unread = new Promise<number>((resolve) =>
      headSocket.on("chat:unread", ({ unreadCount }) => resolve(unreadCount)),
    );
    expect(await reader.markRead()).toBe(0);
    expect(await unread).toBe(0);
    await waitFor(() => (sender.state.receipts[chat.head.id]?.readSeq ?? 0) === 1, 5000, "the read receipt");
    sender.close();
    reader.close();
  });

  it("shows who is typing to the others only", async () => {
    const chat = await createApplicationChat();
    const expertSocket = await client(chat.expert.id);
    const headSocket = await client(chat.head.id);
    const typist = createChatSession(expertSocket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
    });
    const watcher = createChatSession(headSocket, {
      conversationId: chat.conversation.id,
      userId: chat.head.id,
      typingMs: 300,
    });
    await waitFor(() => typist.state.connected && watcher.state.connected);
    await new Promise((resolve) => setTimeout(resolve, 100));
    typist.typing();
    await waitFor(() => watcher.state.typing.length === 1, 5000, "the typing hint");
    expect(watcher.state.typing[0]?.userId).toBe(chat.expert.id);
    expect(typist.state.typing).toHaveLength(0);
    await waitFor(() => watcher.state.typing.length === 0, 5000, "the hint to fade");
    typist.close();
    watcher.close();
  });
});
