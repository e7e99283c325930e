// npm run bench:chat — chat delivery through the real app (Socket.IO, session cookies, every message
// stored in PostgreSQL before it is acknowledged and relayed) against a bare Socket.IO room relay
// (bench/chat-echo.ts), with the same clients, rates and duration, in one run: a round at 500 msg/s
// (the bench's own target, p95 ≤ 50 ms) and one at 2,000 msg/s (issue 25: 1,000 clients, p95 ≤ 50 ms,
// 0 lost, 0 duplicated), on the same connected clients. Also the memory each connected socket
// costs the server: its heap (after a full GC) and RSS before and after the clients connect.
// Prints a table and writes bench/results/chat.json. Exits non-zero only when something crashes,
// not on a missed target. Shorter runs: BENCH_RATES=100,400 BENCH_SECONDS=3 BENCH_CHAT_USERS=200.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { db } from "~/db.server";
import type { ClientToServerEvents, ServerToClientEvents } from "~/modules/realtime/events";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { startAppProcess } from "../tests/support/app-process";
import {
  cpuSeconds,
  descendantsOf,
  liveMemory,
  percentile,
  PROBE,
  PROFILE_DIR,
  probedAppEnv,
  round,
} from "./lib";
import { thisMachine, writeResults } from "./results-file";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const GROUP = 10; // members per conversation
// Clients (the issue's 1,000); a shorter development run may connect fewer, in whole conversations.
const USERS = Math.max(GROUP, Math.round(Number(process.env.BENCH_CHAT_USERS ?? 1000) / GROUP) * GROUP);
const CONVERSATIONS = USERS / GROUP;
// Messages a second, all clients together, one measured round each (BENCH_RATE: one round only).
const RATES = (process.env.BENCH_RATES ?? process.env.BENCH_RATE ?? "500,2000")
  .split(",")
  .map(Number)
  .filter((rate) => rate > 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = 2; // same load, not measured: JIT, connection pools, prepared statements
const DRAIN_MS = 3000; // after the last ack, before counting what never arrived
const ACK_TIMEOUT_MS = 8000; // what the chat client waits before it sends again (chat-client.ts)
const CONNECT_CONCURRENCY = 50;
// The bench's own target at 500 msg/s, and issue 25's at 2,000 msg/s with 1,000 clients.
const TARGETS = [
  { rate: 500, users: 1000, p95Ms: 50, source: "ours" },
  { rate: 2000, users: 1000, p95Ms: 50, source: "issue 25" },
] as const;
// Where the probed server reports its heap after each forced GC (bench/app-probe.mjs).
const memoryDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-chat-"));
// Fixed, so the bench can sign the cookies the app will accept.
const SESSION_SECRET = "bench-chat-session-secret-not-for-production-use";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const conversationId = (client: number) => `bench-c${Math.floor(client / GROUP)}`;
/**
 * The n-th message's sender: round-robin over every client, interleaved across conversations
 * (one message to each conversation in turn) rather than ten in a row to the same one.
 */
const senderOf = (n: number) => (n % CONVERSATIONS) * GROUP + (Math.floor(n / CONVERSATIONS) % GROUP);

function bits(mask: number): number {
  let count = 0;
  for (let rest = mask; rest; rest &= rest - 1) count += 1;
  return count;
}

/** Users, 100 conversations of 10, and a signed session cookie per user, straight into the app's database. */
async function seed(): Promise<string[]> {
  const verifiedAt = new Date();
  const userIds = Array.from({ length: USERS }, (_, i) => `bench-u${i}`);
  await db.user.createMany({
    data: userIds.map((id, i) => ({
      id,
      displayName: `bench ${i}`,
      passwordHash: "!",
      primaryRole: "FARMER" as const,
      verifiedAt,
    })),
  });
  // DIRECT with no directKey: the schema allows it, and membership comes from the member rows.
  await db.conversation.createMany({
    data: Array.from({ length: CONVERSATIONS }, (_, c) => ({ id: `bench-c${c}`, kind: "DIRECT" as const })),
  });
  await db.conversationMember.createMany({
    data: userIds.map((userId, i) => ({ conversationId: conversationId(i), userId })),
  });
  const cookies: string[] = [];
  for (let i = 0; i < USERS; i += 50) {
    const ids = await Promise.all(
      userIds.slice(i, i + 50).map((userId) => createSession(userId, { ip: "127.0.0.1" })),
    );
    for (const id of ids) cookies.push((await serializeSessionCookie(id)).split(";")[0]);
  }
  return cookies;
}

interface Target {
  url: string;
  /** The server process: its resident memory and CPU. */
  pid: number;
  cookies?: string[];
  /** Helper processes whose CPU counts as the database's (the embedded PostgreSQL). */
  databasePids?: () => number[];
  /** Messages stored so far, when the target stores them. */
  countStored?: () => Promise<number>;
  /** Sends SIGUSR2 at the start and end of the first measured round (see bench/app-probe.mjs). */
  profile?: boolean;
  /** The file the probed server writes its memory to after a forced GC (BENCH_MEMORY_FILE). */
  memoryFile: string;
}

/** Connects every client, joins its conversation, then for each of RATES sends and measures delivery. */
async function runScenario(target: Target) {
  const capacity = RATES.reduce((sum, rate) => sum + Math.ceil(rate * (WARMUP_SECONDS + SECONDS)) + 1, 0);
  const state = new Uint8Array(capacity); // 0 pending, 1 acked, 2 refused, 3 no ack in time
  const received = new Uint16Array(capacity); // bit m: the conversation's m-th member has it
  let next = 0;
  let pending = 0;
  let measureFrom = Number.POSITIVE_INFINITY;
  let latencies: number[] = [];
  let ackTimes: number[] = [];
  let duplicated = 0;
  let misrouted = 0;
  let disconnects = 0;
  let closing = false;
  const refusals: Record<string, number> = {};

  function connectClient(index: number): Promise<ClientSocket> {
    const cookie = target.cookies?.[index];
    const socket: ClientSocket = connect(target.url, {
      transports: ["websocket"],
      forceNew: true, // one connection per client, not one shared Manager
      reconnection: false, // a drop shows up as a disconnect and as lost messages
      extraHeaders: cookie ? { cookie } : undefined,
    });
    const member = 1 << (index % GROUP);
    const group = Math.floor(index / GROUP);
    socket.on("chat:message", ({ message }) => {
      // Body "bench <n> <send time>": no JSON, two splits.
      const [, id, sentAt] = message.body.split(" ");
      const n = Number(id);
      if (Math.floor(senderOf(n) / GROUP) !== group) misrouted += 1;
      if (senderOf(n) === index) return; // the sender's own copy
      if (received[n] & member) {
        duplicated += 1;
        return;
      }
      received[n] |= member;
      if (n >= measureFrom) latencies.push(performance.now() - Number(sentAt));
    });
    socket.on("disconnect", () => {
      if (!closing) disconnects += 1;
    });
    return new Promise((resolve, reject) => {
      socket.once("connect_error", (error) =>
        reject(new Error(`client ${index} could not connect: ${error.message}`)),
      );
      socket.once("connect", () => {
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck("chat:join", { conversationId: conversationId(index) })
          .then(
            (ack) =>
              ack.ok ? resolve(socket) : reject(new Error(`client ${index} could not join: ${ack.error}`)),
            reject,
          );
      });
    });
  }

  function send(clients: ClientSocket[]) {
    const n = next++;
    const sender = senderOf(n);
    const sentAt = performance.now();
    pending += 1;
    clients[sender]
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        "chat:send",
        { conversationId: conversationId(sender), clientId: randomUUID(), body: `bench ${n} ${sentAt}` },
        (error, ack) => {
          pending -= 1;
          if (error) state[n] = 3;
          else if (!ack.ok) {
            state[n] = 2;
            refusals[ack.error] = (refusals[ack.error] ?? 0) + 1;
          } else {
            state[n] = 1;
            if (n >= measureFrom) ackTimes.push(performance.now() - sentAt);
          }
        },
      );
  }

  /** Sends `rate` messages a second for `seconds`, on a clock, whatever the answers. */
  async function drive(clients: ClientSocket[], rate: number, seconds: number) {
    const from = next;
    const total = Math.round(rate * seconds);
    const started = performance.now();
    while (next - from < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
      while (next - from < due) send(clients);
      await sleep(1);
    }
    const sendSeconds = (performance.now() - started) / 1000;
    for (let waited = 0; pending > 0 && waited < ACK_TIMEOUT_MS + 2000; waited += 50) await sleep(50);
    return { from, to: next, sendSeconds };
  }

  const memoryBefore = await liveMemory(target.pid, target.memoryFile);
  const clients: ClientSocket[] = [];
  try {
    for (let i = 0; i < USERS; i += CONNECT_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONNECT_CONCURRENCY, USERS - i) }, (_, j) => i + j);
      clients.push(...(await Promise.all(batch.map(connectClient))));
    }
    const memoryAfter = await liveMemory(target.pid, target.memoryFile);
    const perSocket = (before: number | null, after: number | null) =>
      before === null || after === null ? null : round((after - before) / USERS, 1);
    const memory = {
      sockets: USERS,
      before: memoryBefore,
      after: memoryAfter,
      // What each connected, joined socket keeps alive: JavaScript heap plus the native memory
      // bound to it, after a full GC — the steady figure; RSS per socket beside it.
      perSocketKiB: perSocket(
        memoryBefore.heapUsedKiB === null ? null : memoryBefore.heapUsedKiB + (memoryBefore.externalKiB ?? 0),
        memoryAfter.heapUsedKiB === null ? null : memoryAfter.heapUsedKiB + (memoryAfter.externalKiB ?? 0),
      ),
      perSocketRssKiB: perSocket(memoryBefore.rssKiB, memoryAfter.rssKiB),
    };

    const rounds: Record<string, Awaited<ReturnType<typeof measureRound>>> = {};
    for (const [index, rate] of RATES.entries())
      rounds[String(rate)] = await measureRound(clients, rate, target.profile === true && index === 0);
    return { memory, rounds };
  } finally {
    closing = true;
    for (const socket of clients) socket.disconnect();
  }

  /** A warm-up at `rate`, then SECONDS measured at it: what the clients got, counted. */
  async function measureRound(clients: ClientSocket[], rate: number, profile: boolean) {
    await drive(clients, rate, WARMUP_SECONDS);
    await sleep(1000);
    latencies = [];
    ackTimes = [];
    duplicated = 0;
    misrouted = 0;
    disconnects = 0;
    for (const key of Object.keys(refusals)) delete refusals[key];
    measureFrom = next;
    const storedBefore = (await target.countStored?.()) ?? 0;
    if (profile) process.kill(target.pid, "SIGUSR2");
    const cpuBefore = {
      server: cpuSeconds(target.pid),
      database: sumCpu(target.databasePids?.()),
      client: process.cpuUsage(),
    };
    const { from, to, sendSeconds } = await drive(clients, rate, SECONDS);
    const cpuAfter = {
      server: cpuSeconds(target.pid),
      database: sumCpu(target.databasePids?.()),
      client: process.cpuUsage(cpuBefore.client),
    };
    if (profile) process.kill(target.pid, "SIGUSR2");
    await sleep(DRAIN_MS);
    const storedAfter = (await target.countStored?.()) ?? 0;

    const counts = { acked: 0, refused: 0, timedOut: 0, unique: 0 };
    for (let n = from; n < to; n += 1) {
      if (state[n] === 1) counts.acked += 1;
      else if (state[n] === 2) counts.refused += 1;
      else counts.timedOut += 1;
      if (state[n] === 1) counts.unique += bits(received[n]);
    }
    // Every acknowledged message is owed to the other nine members of its conversation.
    const expected = counts.acked * (GROUP - 1);
    latencies.sort((a, b) => a - b);
    ackTimes.sort((a, b) => a - b);
    return {
      rate,
      sent: to - from,
      sentPerSecond: round((to - from) / sendSeconds),
      acked: counts.acked,
      refused: counts.refused,
      timedOut: counts.timedOut,
      refusals: { ...refusals },
      deliveryMs: {
        p50: round(percentile(latencies, 50), 2),
        p95: round(percentile(latencies, 95), 2),
        p99: round(percentile(latencies, 99), 2),
        max: round(latencies.at(-1) ?? Number.NaN, 1),
      },
      ackMs: { p50: round(percentile(ackTimes, 50), 2), p95: round(percentile(ackTimes, 95), 2) },
      storedPerSecond: target.countStored ? round((storedAfter - storedBefore) / sendSeconds) : null,
      expectedDeliveries: expected,
      uniqueDeliveries: counts.unique,
      lost: expected - counts.unique,
      duplicated,
      misrouted,
      disconnects,
      cpuPercent: {
        server: round((100 * (cpuAfter.server - cpuBefore.server)) / sendSeconds),
        database: target.databasePids
          ? round((100 * (cpuAfter.database - cpuBefore.database)) / sendSeconds)
          : null,
        clients: round((cpuAfter.client.user + cpuAfter.client.system) / 1e4 / sendSeconds),
      },
    };
  }
}

function sumCpu(pids: number[] = []): number {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

// --- The app ---------------------------------------------------------------------------------
// The app must start its own embedded database (and the in-memory Socket.IO adapter), so no
// DATABASE_URL is passed on; the bench connects to that database once the app has written its URL.
delete process.env.DATABASE_URL;
process.env.SESSION_SECRET = SESSION_SECRET;
const appMemoryFile = path.join(memoryDir, "app.json");
const app = await startAppProcess({
  LOG_LEVEL: "warn",
  SEED_DEMO: "false",
  SESSION_SECRET,
  // Forced GC with a memory report; the first round's CPU profile when BENCH_CPU_PROF is set.
  ...probedAppEnv(),
  BENCH_MEMORY_FILE: appMemoryFile,
});
let stored: Awaited<ReturnType<typeof runScenario>>;
try {
  process.env.DATABASE_URL = readFileSync(path.join(app.dataDir, "database-url"), "utf8").trim();
  const cookies = await seed();
  stored = await runScenario({
    url: app.url,
    pid: app.pid,
    cookies,
    databasePids: () => descendantsOf(app.pid),
    countStored: () => db.message.count(),
    profile: PROFILE_DIR !== null,
    memoryFile: appMemoryFile,
  });
} finally {
  await db.$disconnect().catch(() => undefined);
  await app.stop();
}

// --- The bare relay ----------------------------------------------------------------------------
const echoMemoryFile = path.join(memoryDir, "relay.json");
const echo = fork(path.join(import.meta.dirname, "chat-echo.ts"), [], {
  execArgv: [...PROBE, "--import", "tsx"],
  env: { ...process.env, BENCH_MEMORY_FILE: echoMemoryFile },
});
let bare: Awaited<ReturnType<typeof runScenario>>;
try {
  const port = await new Promise<number>((resolve, reject) => {
    echo.once("message", (message: { port: number }) => resolve(message.port));
    echo.once("exit", (code) => reject(new Error(`the relay exited during start-up (code ${code})`)));
  });
  bare = await runScenario({ url: `http://127.0.0.1:${port}`, pid: echo.pid!, memoryFile: echoMemoryFile });
} finally {
  if (echo.exitCode === null) {
    const exited = new Promise((resolve) => echo.once("exit", resolve));
    process.kill(echo.pid!, "SIGTERM");
    await exited;
  }
}

// --- Report ------------------------------------------------------------------------------------
type RoundFigures = (typeof stored.rounds)[string];
// Refused or unacknowledged messages fail it too: a message nobody stored was not delivered.
const rounds = RATES.map((rate) => {
  const ours = stored.rounds[String(rate)];
  const relay = bare.rounds[String(rate)];
  const target = TARGETS.find((t) => t.rate === rate) ?? null;
  const met =
    target === null || USERS < target.users
      ? null
      : ours.deliveryMs.p95 <= target.p95Ms &&
        ours.lost === 0 &&
        ours.duplicated === 0 &&
        ours.refused + ours.timedOut === 0;
  return {
    rate,
    xiangke: ours,
    bareRelay: relay,
    ratio: { p95: round(ours.deliveryMs.p95 / relay.deliveryMs.p95, 1) },
    target: target && { ...target, lost: 0, duplicated: 0, errors: 0 },
    met,
  };
});
const results = {
  machine: thisMachine(),
  settings: {
    users: USERS,
    conversations: CONVERSATIONS,
    membersPerConversation: GROUP,
    rates: RATES,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    drainMs: DRAIN_MS,
  },
  rounds,
  memory: { xiangke: stored.memory, bareRelay: bare.memory },
  targets: TARGETS,
};
const row = (r: RoundFigures) => ({
  "p50 ms": r.deliveryMs.p50,
  "p95 ms": r.deliveryMs.p95,
  "p99 ms": r.deliveryMs.p99,
  acked: r.acked,
  errors: r.refused + r.timedOut,
  "stored msg/s": r.storedPerSecond ?? "—",
  lost: r.lost,
  duplicated: r.duplicated,
});
console.log(
  `\nbench:chat — ${USERS} clients in ${CONVERSATIONS} conversations of ${GROUP}, ${RATES.join(" and ")} msg/s for ${SECONDS} s each, ${results.machine.cores} cores\n`,
);
const table: Record<string, ReturnType<typeof row>> = {};
for (const r of rounds) {
  table[`${r.rate} msg/s — XiangKe (stored in PostgreSQL)`] = row(r.xiangke);
  table[`${r.rate} msg/s — bare Socket.IO relay`] = row(r.bareRelay);
}
console.table(table);
for (const r of rounds) {
  for (const [name, figures] of [
    ["XiangKe", r.xiangke],
    ["bare relay", r.bareRelay],
  ] as const) {
    console.log(
      `${r.rate} msg/s, ${name}: sent ${figures.sent} (${figures.sentPerSecond}/s), ack p50/p95 ${figures.ackMs.p50}/${figures.ackMs.p95} ms, refused ${figures.refused}, no ack ${figures.timedOut}, ` +
        `disconnects ${figures.disconnects}, misrouted ${figures.misrouted}; CPU server ${figures.cpuPercent.server}%` +
        `${figures.cpuPercent.database === null ? "" : `, PostgreSQL ${figures.cpuPercent.database}%`}, clients ${figures.cpuPercent.clients}%`,
    );
  }
  console.log(
    `${r.rate} msg/s: the app's delivery p95 is ${r.ratio.p95}× the bare relay's; ` +
      (r.target
        ? `target (${r.target.source}: p95 ≤ ${r.target.p95Ms} ms with storage, ${r.target.users} clients, 0 lost, 0 duplicated, every message acknowledged): ${
            r.met === null ? `not measured (${USERS} clients)` : r.met ? "met" : "NOT MET"
          }`
        : "no target at this rate"),
  );
}
for (const [name, m] of [
  ["XiangKe", stored.memory],
  ["bare relay", bare.memory],
] as const) {
  const kib = (value: number | null) => (value === null ? "—" : `${Math.round(value / 1024)} MiB`);
  console.log(
    `memory per connected socket, ${name}: ${m.perSocketKiB ?? "—"} KiB heap + external after GC, ${m.perSocketRssKiB} KiB RSS ` +
      `(${m.sockets} sockets; heap ${kib(m.before.heapUsedKiB)} → ${kib(m.after.heapUsedKiB)}, RSS ${kib(m.before.rssKiB)} → ${kib(m.after.rssKiB)})`,
  );
}
writeResults("chat", results);
