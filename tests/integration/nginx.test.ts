import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { ClientSocket } from "~/modules/chat/chat-client";
import type { ChatMessageView } from "~/modules/realtime/events";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { waitFor } from "../support/chat-factories";
import { useTestDatabase } from "../support/database";
import { redirectedTo, WebSession } from "../support/fault-helpers";
import { getFrom, NGINX, socketWithCookie, startNginx, type RunningNginx } from "../support/nginx";

/*
 * The real shape beyond one machine (issue 25): Debian's nginx, configured with deploy/nginx.conf
 * exactly, in front of two app instances on one PostgreSQL. A conversation whose two sides come
 * from different client addresses lands on different instances (the instances' own /healthz counts
 * say which holds which socket), and a page mix through nginx answers without an error.
 */

const database = useTestDatabase();
const apps: AppProcess[] = [];
const sockets: ClientSocket[] = [];
let nginx: RunningNginx | undefined;

afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await nginx?.stop();
  for (const app of apps.splice(0)) await app.stop();
});

const health = async (url: string, from = "127.0.0.1") =>
  JSON.parse((await getFrom(`${url}/healthz?detail`, from)).body) as { pid: number; sockets: number };

describe.runIf(existsSync(NGINX))("nginx in front of two instances", () => {
  it("carries a conversation across instances and serves a page mix with no error", async () => {
    const env = {
      DATABASE_URL: database.url(),
      SEED_DEMO: "true",
      SEED_DEMO_STORY: "false",
      TRUST_PROXY: "true",
    };
    const a = await startAppProcess(env);
    apps.push(a);
    const b = await startAppProcess(env);
    apps.push(b);
    const proxy = await startNginx([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
    nginx = proxy;

    // Which instance each client address is sent to (the key is the address): find one for each.
    const addressOf = new Map<number, string>();
    // Through nginx the check says nothing of the processes: nginx's log names the upstream.
    const plain = await getFrom(`${nginx.url}/healthz?detail`, "127.0.0.1");
    expect(JSON.parse(plain.body)).toEqual({ status: "ok", database: "ok" });
    const logLines = () => proxy.accessLog().split("\n").filter(Boolean);
    const servedBy = async (from: string) => {
      const before = logLines().length;
      await getFrom(`${proxy.url}/healthz`, from);
      // nginx writes the line once the answer is sent: wait for it rather than read too soon.
      await waitFor(() => logLines().length > before, 10_000, "nginx's log line");
      const port = Number(/:(\d+)$/.exec(logLines()[before]!)?.[1]);
      return port === a.port ? a.pid : port === b.port ? b.pid : undefined;
    };
    for (let last = 1; last <= 40 && addressOf.size < 2; last++) {
      const from = `127.0.0.${last}`;
      const pid = await servedBy(from);
      expect([a.pid, b.pid]).toContain(pid);
      if (!addressOf.has(pid!)) addressOf.set(pid!, from);
      // The same address always lands on the same instance.
      expect(await servedBy(from)).toBe(pid);
    }
    expect(addressOf.size).toBe(2);
    const fromA = addressOf.get(a.pid)!;
    const fromB = addressOf.get(b.pid)!;

    // Two sides of a conversation: the expert from A's address over WebSocket, the farmer from B's
    // address over long-polling (a new connection per request, kept on B by nginx).
    const expertSession = await new WebSession(nginx.url).login("expert@demo.xiangke.cn");
    const farmerSession = await new WebSession(nginx.url).login("13800000002");
    const farmerId = (
      await db.user.findFirstOrThrow({ where: { phone: { endsWith: "13800000002" } }, select: { id: true } })
    ).id;
    const opened = redirectedTo(await expertSession.post("/messages/direct", { userId: farmerId }));
    expect(opened).toMatch(/^\/messages\//);
    const conversationId = opened!.split("/").pop()!;

    const expert = await socketWithCookie(nginx.url, expertSession.cookieHeader(), {
      localAddress: fromA,
      transports: ["websocket"],
    });
    sockets.push(expert);
    const farmer = await socketWithCookie(nginx.url, farmerSession.cookieHeader(), {
      localAddress: fromB,
      transports: ["polling"],
    });
    sockets.push(farmer);
    // Asked directly, each instance holds one of the two sockets.
    expect((await health(a.url)).sockets).toBe(1);
    expect((await health(b.url)).sockets).toBe(1);

    const received: ChatMessageView[] = [];
    const echoed: ChatMessageView[] = [];
    farmer.on("chat:message", ({ message }) => received.push(message));
    expert.on("chat:message", ({ message }) => echoed.push(message));
    const bodies = Array.from({ length: 5 }, (_, i) => `经由 nginx 的消息 ${i}`);
    for (const body of bodies) {
      const ack = await expert.emitWithAck("chat:send", { conversationId, clientId: randomUUID(), body });
      expect(ack.ok).toBe(true);
    }
    const reply = await farmer.emitWithAck("chat:send", {
      conversationId,
      clientId: randomUUID(),
      body: "好的",
    });
    expect(reply.ok).toBe(true);
    await waitFor(() => received.length >= 6 && echoed.length >= 6, 20_000, "the messages");
    expect(received.map((message) => message.body)).toEqual([...bodies, "好的"]);
    expect(echoed.map((message) => message.body)).toEqual([...bodies, "好的"]);
    expect(await db.message.count({ where: { conversationId } })).toBe(6);

    // A page mix through nginx, from both addresses: home, needs list, a need, login, a post.
    const village = await new WebSession(nginx.url).login("13800000001");
    const head = await db.user.findFirstOrThrow({
      where: { phone: { endsWith: "13800000001" } },
      select: { memberships: { select: { organisationId: true } } },
    });
    const posted = redirectedTo(
      await village.post(
        "/needs/new",
        {
          kind: "TECHNICAL",
          title: "经由 nginx 发布的需求 花椒病害",
          description: "花椒叶片发黄脱落，需要专家诊断病因并给出防治方案。",
          industry: "PLANTING",
          countyCode: "410324",
          arrangements: "TECH_CONTRACT",
          intent: "publish",
          organisationId: head.memberships[0].organisationId,
        },
        true,
      ),
    );
    expect(posted).toMatch(/^\/needs\/[^/]+$/);
    const statuses: number[] = [];
    for (const from of [fromA, fromB]) {
      for (const path of ["/", "/needs", posted!, "/login"]) {
        const page = await getFrom(`${nginx.url}${path}`, from);
        statuses.push(page.status);
        expect(page.body.length).toBeGreaterThan(500);
      }
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // nginx's own log: every request it proxied, none answered with an error by either side.
    const log = nginx.accessLog().trim().split("\n");
    expect(log.length).toBeGreaterThan(20);
    expect(log.filter((line) => / (5\d\d|4\d\d) /.test(line) && !line.includes("/socket.io/"))).toEqual([]);
    const upstreams = new Set(log.map((line) => line.split(" ").pop()));
    expect(upstreams).toEqual(new Set([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]));
  }, 300_000);
});
