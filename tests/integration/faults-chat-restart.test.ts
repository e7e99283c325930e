import { afterAll, describe, expect, it } from "vitest";
import { connect } from "socket.io-client";
import type { PrismaClient } from "~/generated/prisma/client";
import { createChatSession, type ChatSession, type ClientSocket } from "~/modules/chat/chat-client";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  embeddedDatabaseUrl,
  prismaFor,
  redirectedTo,
  stopLeftoverPostgres,
  waitUntil,
  WebSession,
} from "../support/fault-helpers";

/*
 * Fault 4: the app restarted (SIGTERM, then started again on the same data and port) under two
 * connected chat clients. The clients reconnect on their own and, through the resume mechanism of
 * decision 009 (client ids, catch-up after the last sequence), every message written before,
 * during (queued on the device) and after the restart reaches the other side exactly once.
 */

let app: AppProcess | undefined;
let dataDir: string | undefined;
let client: PrismaClient | undefined;
const sockets: ClientSocket[] = [];

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await client?.$disconnect();
  await app?.stop();
  if (dataDir) await stopLeftoverPostgres(dataDir);
});

interface Side {
  userId: string;
  chat: ChatSession;
  /** Bodies of the other side's messages, once per delivery to this device. */
  received: string[];
  socket: ClientSocket;
}

async function side(url: string, session: WebSession, userId: string, conversationId: string): Promise<Side> {
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: session.cookieHeader() },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  const received: string[] = [];
  const chat = createChatSession(socket, {
    conversationId,
    userId,
    onIncoming: (message) => received.push(message.body),
  });
  return { userId, chat, received, socket };
}

describe("the app restarted under connected chat clients", () => {
  it("delivers every message from before, during and after the restart exactly once", async () => {
    app = await startAppProcess({ DATABASE_URL: "", SEED_DEMO_STORY: "false" });
    dataDir = app.dataDir;
    const { port } = app;
    client = prismaFor(embeddedDatabaseUrl(dataDir));
    const farmerId = (
      await client.user.findFirstOrThrow({
        where: { phone: { endsWith: "13800000002" } },
        select: { id: true },
      })
    ).id;
    const expertId = (
      await client.user.findFirstOrThrow({ where: { email: "expert@demo.xiangke.cn" }, select: { id: true } })
    ).id;
    await client.$disconnect();
    client = undefined;
    const expertWeb = await new WebSession(app.url).login("expert@demo.xiangke.cn");
    const farmerWeb = await new WebSession(app.url).login("13800000002");
    const conversationId = redirectedTo(await expertWeb.post("/messages/direct", { userId: farmerId }))
      ?.split("/")
      .pop();
    expect(conversationId).toBeTruthy();

    const expert = await side(app.url, expertWeb, expertId, conversationId!);
    const farmer = await side(app.url, farmerWeb, farmerId, conversationId!);
    const sent = { expert: [] as string[], farmer: [] as string[] };
    const say = (who: "expert" | "farmer", body: string) => {
      sent[who].push(body);
      (who === "expert" ? expert : farmer).chat.send(body);
    };
    const allDelivered = () =>
      farmer.received.length >= sent.expert.length && expert.received.length >= sent.farmer.length;

    for (let i = 0; i < 5; i++) say(i % 2 ? "farmer" : "expert", `重启前 ${i}`);
    await waitUntil(async () => allDelivered(), 10_000, "messages before the restart");

    // SIGTERM: a graceful stop. While it is down both devices keep writing; the messages queue.
    await app.stop({ keepData: true });
    await waitUntil(
      async () => !expert.socket.connected && !farmer.socket.connected,
      10_000,
      "the clients to notice",
    );
    for (let i = 0; i < 4; i++) say(i % 2 ? "farmer" : "expert", `重启中 ${i}`);
    expect(expert.chat.state.pending.length + farmer.chat.state.pending.length).toBe(4);

    app = await startAppProcess({ DATABASE_URL: "", SEED_DEMO_STORY: "false" }, { dataDir, port });
    await waitUntil(
      async () => expert.socket.connected && farmer.socket.connected,
      20_000,
      "the clients to reconnect",
    );
    for (let i = 0; i < 5; i++) say(i % 2 ? "farmer" : "expert", `重启后 ${i}`);
    await waitUntil(
      async () => allDelivered() && expert.chat.state.pending.length + farmer.chat.state.pending.length === 0,
      20_000,
      "every message to arrive",
    );
    // Give a duplicate (a resend stored twice, a live copy after a catch-up copy) time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect([...farmer.received].sort()).toEqual([...sent.expert].sort());
    expect([...expert.received].sort()).toEqual([...sent.farmer].sort());
    // Each side holds the whole conversation once, in the order sent per sender.
    const bodies = (s: Side, from: string) =>
      s.chat.state.messages.filter((message) => message.senderId === from).map((message) => message.body);
    expect(bodies(farmer, expertId)).toEqual(sent.expert);
    expect(bodies(expert, farmerId)).toEqual(sent.farmer);
    client = prismaFor(embeddedDatabaseUrl(dataDir));
    expect(await client.message.count({ where: { conversationId } })).toBe(14);
  }, 180_000);
});
