import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import type { ClientSocket } from "~/modules/chat/chat-client";
import type { ChatMessageView } from "~/modules/realtime/events";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { waitFor } from "../support/chat-factories";
import { useTestDatabase } from "../support/database";
import {
  embeddedDatabaseUrl,
  prismaFor,
  redirectedTo,
  shownHtml,
  stopLeftoverPostgres,
  waitUntil,
  WebSession,
} from "../support/fault-helpers";
import { getFrom, socketWithCookie } from "../support/nginx";

/*
 * Both cores (issue 25): two app processes on one PostgreSQL — separate instances, and the
 * node:cluster workers of WEB_CONCURRENCY=2. A need posted through one process is found by search
 * on the other (each process's embedded index follows the whole outbox), and a chat message sent
 * by a socket on one reaches a socket on the other (rooms shared through the PostgreSQL adapter).
 */

const database = useTestDatabase();
const apps: AppProcess[] = [];
const sockets: ClientSocket[] = [];
const clients: PrismaClient[] = [];
const dataDirs: string[] = [];

afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const app of apps.splice(0)) await app.stop();
  for (const client of clients.splice(0)) await client.$disconnect();
  for (const dataDir of dataDirs.splice(0)) {
    await stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const NEED = {
  kind: "TECHNICAL",
  description: "合作社猕猴桃园今年倒春寒冻害严重，需要专家指导防冻和恢复树势的办法。",
  industry: "PLANTING",
  countyCode: "410324",
  arrangements: "TECH_CONTRACT",
  intent: "publish",
};

/** Posts needs through the real /needs/new form as the demo village head; returns their ids. */
async function postNeeds(url: string, client: Pick<PrismaClient, "user">, titles: string[]) {
  const head = await client.user.findFirstOrThrow({
    where: { phone: { endsWith: "13800000001" } },
    select: { memberships: { select: { organisationId: true } } },
  });
  const village = await new WebSession(url).login("13800000001");
  const ids: string[] = [];
  for (const title of titles) {
    const response = await village.post(
      "/needs/new",
      { ...NEED, organisationId: head.memberships[0].organisationId, title },
      true,
    );
    const location = redirectedTo(response);
    expect(location).toMatch(/^\/needs\/[^/]+$/);
    ids.push(location!.split("/")[2]);
  }
  return ids;
}

/** What the search page shows for `q`, fetched on a connection of its own. */
async function searchPage(url: string, q: string): Promise<string> {
  const page = await getFrom(`${url}/search?type=needs&q=${encodeURIComponent(q)}`, "127.0.0.1");
  expect(page.status).toBe(200);
  return shownHtml(page.body);
}

/** A direct conversation the demo expert opens with the demo farmer, and both sides' cookies. */
async function openDirectChat(url: string, client: Pick<PrismaClient, "user">) {
  const expert = await new WebSession(url).login("expert@demo.xiangke.cn");
  const farmer = await new WebSession(url).login("13800000002");
  const farmerId = (
    await client.user.findFirstOrThrow({
      where: { phone: { endsWith: "13800000002" } },
      select: { id: true },
    })
  ).id;
  const opened = redirectedTo(await expert.post("/messages/direct", { userId: farmerId }));
  expect(opened).toMatch(/^\/messages\//);
  return {
    conversationId: opened!.split("/").pop()!,
    expertCookie: expert.cookieHeader(),
    farmerCookie: farmer.cookieHeader(),
  };
}

/** Sends `count` messages from one side and a reply from the other; both must see all, in order. */
async function converse(from: ClientSocket, to: ClientSocket, conversationId: string, count: number) {
  const received: ChatMessageView[] = [];
  const echoed: ChatMessageView[] = [];
  to.on("chat:message", ({ message }) => received.push(message));
  from.on("chat:message", ({ message }) => echoed.push(message));
  const bodies = Array.from({ length: count }, (_, i) => `跨进程消息 ${i} ${randomUUID().slice(0, 6)}`);
  for (const body of bodies) {
    const ack = await from.emitWithAck("chat:send", { conversationId, clientId: randomUUID(), body });
    expect(ack.ok).toBe(true);
  }
  const reply = await to.emitWithAck("chat:send", {
    conversationId,
    clientId: randomUUID(),
    body: "收到，谢谢",
  });
  expect(reply.ok).toBe(true);
  await waitFor(() => received.length >= count + 1 && echoed.length >= count + 1, 20_000, "the messages");
  expect(received.map((message) => message.body)).toEqual([...bodies, "收到，谢谢"]);
  expect(echoed.map((message) => message.body)).toEqual([...bodies, "收到，谢谢"]);
}

describe("two app instances on one PostgreSQL", () => {
  it("find by search on B the needs posted through A, and carry a conversation from A to B", async () => {
    const env = { DATABASE_URL: database.url(), SEED_DEMO: "true", SEED_DEMO_STORY: "false" };
    // One after the other: the first migrates (nothing to do here) and seeds, the second finds it seeded.
    const a = await startAppProcess(env);
    apps.push(a);
    const b = await startAppProcess(env);
    apps.push(b);
    const ids = await postNeeds(
      a.url,
      db,
      [1, 2, 3, 4].map((i) => `猕猴桃冻害恢复 双实例 ${i}`),
    );
    // With rows claimed by one process, each need would reach one of the two indexes only.
    for (const app of [b, a]) {
      await waitUntil(
        async () => {
          const html = await searchPage(app.url, "猕猴桃冻害");
          return ids.every((id) => html.includes(id));
        },
        20_000,
        `the needs in the search of ${app === a ? "A" : "B"}`,
      );
    }
    expect(await db.searchOutbox.count({ where: { documentId: { in: ids } } })).toBeGreaterThanOrEqual(
      ids.length,
    );

    const chat = await openDirectChat(a.url, db);
    const expert = await socketWithCookie(a.url, chat.expertCookie, { transports: ["websocket"] });
    sockets.push(expert);
    const farmer = await socketWithCookie(b.url, chat.farmerCookie, { transports: ["polling"] });
    sockets.push(farmer);
    const healthA = JSON.parse((await getFrom(`${a.url}/healthz?detail`, "127.0.0.1")).body) as {
      sockets: number;
    };
    const healthB = JSON.parse((await getFrom(`${b.url}/healthz?detail`, "127.0.0.1")).body) as {
      sockets: number;
    };
    expect([healthA.sockets, healthB.sockets]).toEqual([1, 1]);
    await converse(expert, farmer, chat.conversationId, 5);
    const stored = await db.message.count({ where: { conversationId: chat.conversationId } });
    expect(stored).toBe(6);
  }, 240_000);
});

describe("WEB_CONCURRENCY=2", () => {
  it("serves from two worker pids, finds a need on both, and keeps long-polling sessions on their worker", async () => {
    // Its own folder, known before the start: a start that fails leaves no PostgreSQL behind.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-cluster-"));
    dataDirs.push(dataDir);
    const app = await startAppProcess(
      { DATABASE_URL: "", WEB_CONCURRENCY: "2", SEED_DEMO_STORY: "false" },
      { dataDir, startTimeoutMs: 180_000 },
    );
    apps.push(app);
    const client = prismaFor(embeddedDatabaseUrl(app.dataDir));
    clients.push(client);

    // The primary hands new connections to the workers in turn: consecutive requests (each on a
    // connection of its own) alternate between two pids, neither of them the primary's.
    const pids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const health = await getFrom(`${app.url}/healthz?detail`, "127.0.0.1");
      expect(health.status).toBe(200);
      pids.push((JSON.parse(health.body) as { pid: number }).pid);
    }
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(app.pid);
    for (let i = 1; i < pids.length; i++) expect(pids[i]).not.toBe(pids[i - 1]);

    const [id] = await postNeeds(app.url, client, ["猕猴桃冻害恢复 多核"]);
    // Two consecutive searches are answered by the two workers: both must find the need.
    await waitUntil(
      async () => {
        const first = await searchPage(app.url, "猕猴桃冻害");
        const second = await searchPage(app.url, "猕猴桃冻害");
        return first.includes(id) && second.includes(id);
      },
      20_000,
      "the need in both workers' search",
    );

    // The farmer long-polls with a new connection for every request: each is routed by its session
    // id. The expert's WebSocket is on the other worker (round robin; retried until it is).
    const chat = await openDirectChat(app.url, client);
    const farmer = await socketWithCookie(app.url, chat.farmerCookie, { transports: ["polling"] });
    sockets.push(farmer);
    const workerOf = (socket: ClientSocket) => /^w(\d+)-/.exec(socket.io.engine.id ?? "")?.[1];
    expect(workerOf(farmer)).toBeDefined();
    let expert: ClientSocket | undefined;
    for (let attempt = 0; attempt < 6 && !expert; attempt++) {
      const candidate = await socketWithCookie(app.url, chat.expertCookie, { transports: ["websocket"] });
      if (workerOf(candidate) !== workerOf(farmer)) expert = candidate;
      else candidate.disconnect();
    }
    expect(expert).toBeDefined();
    sockets.push(expert!);
    await converse(expert!, farmer, chat.conversationId, 5);
    expect(await client.message.count({ where: { conversationId: chat.conversationId } })).toBe(6);
    // Exactly one worker runs the background jobs.
    const leaders = await client.$queryRaw<{ holders: bigint }[]>`
      SELECT count(*) AS holders FROM pg_locks WHERE locktype = 'advisory' AND objid = 25042001 AND granted`;
    expect(Number(leaders[0].holders)).toBe(1);
  }, 360_000);
});
