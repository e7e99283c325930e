import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientSocket } from "~/modules/chat/chat-client";
import type { ChatMessageView } from "~/modules/realtime/events";
import { useTestDatabase } from "../support/database";
import { chatClient, createApplicationChat } from "../support/chat-factories";

const database = useTestDatabase();
const children: ChildProcess[] = [];
const sockets: ClientSocket[] = [];

/** Starts one instance (its own process) and resolves with its URL once it listens. */
function startInstance(env: Record<string, string>): Promise<{ url: string; adapter: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/socket-instance.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DATABASE_URL: database.url(), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+) (\w+)/.exec(chunk.toString());
      if (match) resolve({ url: `http://localhost:${match[1]}`, adapter: match[2]! });
    });
  });
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
});

async function exchangeAcrossInstances(env: Record<string, string>, expectedAdapter: string) {
  const chat = await createApplicationChat();
  const [one, two] = await Promise.all([startInstance(env), startInstance(env)]);
  expect([one.adapter, two.adapter]).toEqual([expectedAdapter, expectedAdapter]);
  const expert = await chatClient(one.url, chat.expert.id);
  const head = await chatClient(two.url, chat.head.id);
  sockets.push(expert, head);
  const received: ChatMessageView[] = [];
  head.on("chat:message", ({ message }) => received.push(message));
  const replies: ChatMessageView[] = [];
  expert.on("chat:message", ({ message }) => replies.push(message));
  // Both joined their rooms on connecting; give the adapters a moment to see each other.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (let i = 0; i < 5; i++) {
    const ack = await expert.emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: `跨实例消息 ${i}`,
    });
    expect(ack.ok).toBe(true);
  }
  await head.emitWithAck("chat:send", {
    conversationId: chat.conversation.id,
    clientId: randomUUID(),
    body: "收到",
  });
  const deadline = Date.now() + 10_000;
  while ((received.length < 6 || replies.length < 6) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(received.map((message) => message.body)).toEqual([
    ...Array.from({ length: 5 }, (_, i) => `跨实例消息 ${i}`),
    "收到",
  ]);
  expect(replies.map((message) => message.body)).toEqual(received.map((message) => message.body));
}

describe("several app instances sharing one PostgreSQL", () => {
  it("deliver messages between users connected to different instances (PostgreSQL adapter)", async () => {
    await exchangeAcrossInstances({ SOCKET_ADAPTER: "", REDIS_URL: "" }, "postgres");
  }, 60_000);

  // .ci/run starts a Redis server from Debian and sets REDIS_URL; elsewhere this runs when one is set.
  it.runIf(Boolean(process.env.REDIS_URL))(
    "deliver messages between instances through Redis streams when REDIS_URL is set",
    async () => {
      await exchangeAcrossInstances(
        { SOCKET_ADAPTER: "redis", REDIS_URL: process.env.REDIS_URL ?? "" },
        "redis",
      );
    },
    60_000,
  );
});
