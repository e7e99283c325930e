import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createChatSession, type ClientSocket } from "~/modules/chat/chat-client";
import { memoryOutbox } from "~/modules/chat/outbox-store";
import { useTestDatabase } from "../support/database";
import { chatClient, createApplicationChat, waitFor } from "../support/chat-factories";
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

async function stored(conversationId: string) {
  const rows = await db.message.findMany({
    where: { conversationId },
    orderBy: { seq: "asc" },
    select: { body: true },
  });
  return rows.map((row) => row.body);
}

describe("the chat outbox", () => {
  it("keeps what was typed offline through a reload and sends it once, in order, from the next page", async () => {
    const chat = await createApplicationChat();
    const outbox = memoryOutbox();
    const offline = await client(chat.expert.id);
    offline.disconnect();
    const before = createChatSession(offline, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      outbox,
    });
    for (const body of ["第一条", "第二条", "第三条"]) before.send(body);
    await before.stored();
    before.close(); // the page is reloaded (or the phone restarted) before the signal returns

    const online = await client(chat.expert.id);
    const after = createChatSession(online, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      outbox,
    });
    await after.restored;
    await waitFor(
      () => after.state.pending.length === 0 && after.state.messages.length === 3,
      10_000,
      "the resend",
    );
    await after.stored();
    expect(await stored(chat.conversation.id)).toEqual(["第一条", "第二条", "第三条"]);
    expect(await outbox.list(chat.expert.id, chat.conversation.id)).toEqual([]);
    after.close();
  });

  it("does not send twice a message the server stored before its answer was lost", async () => {
    const chat = await createApplicationChat();
    const outbox = memoryOutbox();
    const socket = await client(chat.expert.id);
    const clientId = randomUUID();
    // Stored by the server, but the page went away before the acknowledgement removed it here.
    await socket.emitWithAck("chat:send", { conversationId: chat.conversation.id, clientId, body: "已存" });
    await outbox.put({
      clientId,
      userId: chat.expert.id,
      conversationId: chat.conversation.id,
      body: "已存",
      createdAt: Date.now(),
    });
    const session = createChatSession(socket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      outbox,
    });
    await session.restored;
    await waitFor(() => session.state.messages.length === 1, 5000, "the catch-up");
    await waitFor(() => session.state.pending.length === 0, 5000, "the pending message to settle");
    await session.stored();
    expect(await stored(chat.conversation.id)).toEqual(["已存"]);
    expect(await outbox.list(chat.expert.id, chat.conversation.id)).toEqual([]);
    session.close();
  });

  it("notices a link that stopped carrying answers and reconnects, instead of waiting for the socket's time-out", async () => {
    const chat = await createApplicationChat();
    const socket = await client(chat.expert.id);
    const session = createChatSession(socket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      ackTimeoutMs: 1000,
      heartbeatMs: 500,
    });
    await waitFor(() => session.state.connected, 5000, "the session");
    // The server stops reading this connection: to the client it still looks connected, like a
    // phone whose signal went while the socket stayed open.
    const [serverSide] = await server.io.in(`user:${chat.expert.id}`).fetchSockets();
    const raw = (serverSide as unknown as { conn: { transport: { socket: { _socket: { pause(): void } } } } })
      .conn.transport.socket._socket;
    raw.pause();
    const started = Date.now();
    session.send("信号不好也要送到");
    await waitFor(() => session.state.pending.length === 0, 10_000, "the message over a new connection");
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await stored(chat.conversation.id)).toEqual(["信号不好也要送到"]);
    session.close();
  }, 20_000);

  it("marks a refused message failed, keeps it for a retry, and lets the user discard it", async () => {
    const chat = await createApplicationChat();
    const outbox = memoryOutbox();
    const socket = await client(chat.expert.id);
    const session = createChatSession(socket, {
      conversationId: chat.conversation.id,
      userId: chat.expert.id,
      outbox,
    });
    const clientId = session.send("   ");
    await waitFor(() => session.state.pending[0]?.status === "failed", 5000, "the refusal");
    await session.stored();
    expect((await outbox.list(chat.expert.id, chat.conversation.id))[0]).toMatchObject({ clientId });
    session.discard(clientId);
    await session.stored();
    expect(session.state.pending).toEqual([]);
    expect(await outbox.list(chat.expert.id, chat.conversation.id)).toEqual([]);
    session.close();
  });
});
