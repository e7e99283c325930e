// npm run bench:load — the production app (demo data) under autocannon for LOAD_SECONDS (60) at
// LOAD_CONNECTIONS (200) on a weighted mix of pages and real "post a need" form posts
// (bench/load-mix.ts), while LOAD_SOCKETS (1,000) logged-in Socket.IO clients stay connected.
// Measured against the targets, not against a baseline: zero 5xx, p50/p95/p99 reported
// overall and per kind of request, and memory stable — the app's RSS after a quiet period with
// forced GC within 25 % of the same reading before the load, and a second, shorter round
// (LOAD_SECOND_ROUND_SECONDS, a third of the first) not growing it more than 10 % further.
// Rounds: a 15 s warm-up (its 5xx and timeouts still count), the main round, the second round.
// Requests time out after LOAD_TIMEOUT_SECONDS (30). The app has no per-IP or per-user limit on
// these pages (only on /api, login and chat), so no protection is switched off; each post and
// workspace visit comes from one of the village users (each with its own verified cooperative)
// whose sessions also hold the sockets, and 429s are counted apart from errors. Prints a table
// and writes bench/results/load.json. Exits non-zero only when it crashes, not on a missed target.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { io as connect, type Socket } from "socket.io-client";
import { db } from "~/db.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { startAppProcess, type AppProcess } from "../tests/support/app-process";
import {
  appMemory,
  appProcessTree,
  cpuSeconds,
  lowestSumRssKb,
  percentile,
  PROFILE_DIR,
  probedAppEnv,
  round,
} from "./lib";
import { thisMachine, writeResults } from "./results-file";
import {
  KINDS,
  MIX,
  NEED_FORM_FIELDS,
  OTHER_LISTS,
  mixRequest,
  type Kind,
  type MixContext,
  type Poster,
} from "./load-mix";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const SOCKETS = Number(process.env.LOAD_SOCKETS ?? 1000);
// The app as deployed on this machine: one process per core (WEB_CONCURRENCY, docs/deployment.md,
// decision 042). LOAD_APP_PROCESSES=1 measures a single process.
const APP_PROCESSES = Number(process.env.LOAD_APP_PROCESSES ?? os.cpus().length);
// At least several hundred posters even when a short development run connects fewer sockets.
const USERS = Math.max(SOCKETS, 300);
const SECOND_ROUND_SECONDS = Number(
  process.env.LOAD_SECOND_ROUND_SECONDS ?? Math.max(5, Math.round(SECONDS / 3)),
);
// Same mix, before the baseline memory reading: JIT, pools, caches, V8's heap sizing. 5 s left
// most of that in the first measured round (+26% there, then +1% in the second round), which
// says nothing about whether memory is stable; 15 s warms the app up first.
const WARMUP_SECONDS = Number(process.env.LOAD_WARMUP_SECONDS ?? 15);
const QUIET_SECONDS = 30; // see settledMemory
const SAMPLE_MS = 5000;
// A phone's browser waits minutes; autocannon's default 10 s would drop the slowest answers from
// the percentiles and, by closing the connection, leave the app working for nobody.
const REQUEST_TIMEOUT_S = Number(process.env.LOAD_TIMEOUT_SECONDS ?? 30);
const CONNECT_CONCURRENCY = 50;
const TARGET = {
  seconds: 60,
  connections: 200,
  sockets: 1000,
  fiveXx: 0,
  errors: 0,
  socketDisconnects: 0,
  memoryGrowthPercent: 25,
  secondRoundGrowthPercent: 10,
};
// Fixed, so the bench can sign the cookies the app will accept (as bench/chat.ts does).
const SESSION_SECRET = "bench-load-session-secret-not-for-production-use";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Village users, each heading its own verified cooperative, with a signed session cookie each. */
async function seedUsers(): Promise<Poster[]> {
  const verifiedAt = new Date();
  const ids = Array.from({ length: USERS }, (_, i) => i);
  await db.organisation.createMany({
    data: ids.map((i) => ({
      id: `bench-org-${i}`,
      type: "COOPERATIVE" as const,
      name: `压测合作社 ${i}`,
      countyCode: "410324",
      verifiedAt,
    })),
  });
  await db.user.createMany({
    data: ids.map((i) => ({
      id: `bench-u${i}`,
      displayName: `压测村 ${i}`,
      passwordHash: "!",
      primaryRole: "VILLAGE" as const,
      countyCode: "410324",
    })),
  });
  await db.membership.createMany({
    data: ids.map((i) => ({
      userId: `bench-u${i}`,
      organisationId: `bench-org-${i}`,
      role: "VILLAGE" as const,
    })),
  });
  const posters: Poster[] = [];
  for (let i = 0; i < USERS; i += 50) {
    const batch = ids.slice(i, i + 50);
    const sessions = await Promise.all(batch.map((n) => createSession(`bench-u${n}`, { ip: "127.0.0.1" })));
    for (const [j, session] of sessions.entries()) {
      posters.push({
        cookie: (await serializeSessionCookie(session)).split(";")[0]!,
        organisationId: `bench-org-${batch[j]}`,
      });
    }
  }
  return posters;
}

/** Every kind of page once, and the real form's field names, before the run: a wrong path shows here. */
async function preflight(url: string, needIds: string[], poster: Poster): Promise<Record<string, number>> {
  const paths = [
    "/",
    "/needs",
    "/needs?page=2",
    `/search?q=${encodeURIComponent("香菇")}`,
    `/needs/${needIds[0]}`,
    ...OTHER_LISTS,
  ];
  const statuses: Record<string, number> = {};
  for (const pathname of paths)
    statuses[pathname] = (await fetch(`${url}${pathname}`, { redirect: "manual" })).status;
  const form = await fetch(`${url}/needs/new`, { headers: { cookie: poster.cookie }, redirect: "manual" });
  statuses["/needs/new (logged in)"] = form.status;
  const html = await form.text();
  const missing = NEED_FORM_FIELDS.filter((name) => !html.includes(`name="${name}"`));
  if (missing.length > 0)
    throw new Error(`the need form no longer has the fields ${missing.join(", ")}: update bench/load-mix.ts`);
  return statuses;
}

// --- Sockets ---------------------------------------------------------------------------------

function connectSockets(url: string, posters: Poster[]) {
  const sockets: Socket[] = [];
  const state = { disconnects: 0, closing: false };
  const connectOne = (cookie: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        extraHeaders: { cookie },
      });
      socket.on("disconnect", () => {
        if (!state.closing) state.disconnects += 1;
      });
      socket.once("connect_error", (error) =>
        reject(new Error(`a socket could not connect: ${error.message}`)),
      );
      // The server joins the user's room (and conversations) and then says so.
      socket.once("session:ready", () => resolve(socket));
    });
  return {
    state,
    sockets,
    async open() {
      for (let i = 0; i < SOCKETS; i += CONNECT_CONCURRENCY) {
        const batch = posters.slice(i, Math.min(SOCKETS, i + CONNECT_CONCURRENCY));
        sockets.push(...(await Promise.all(batch.map((poster) => connectOne(poster.cookie)))));
      }
    },
    close() {
      state.closing = true;
      for (const socket of sockets) socket.disconnect();
    },
  };
}

// --- Load ------------------------------------------------------------------------------------

interface KindStats {
  /** Requests drawn (sent), answered or not. */
  sent: number;
  times: number[];
  status: Record<string, number>;
  timeouts: number;
  /** Paths that answered 5xx (the first few). */
  fiveXxPaths: string[];
}

interface Round {
  seconds: number;
  requestsPerSecond: number;
  byKind: Record<Kind, KindStats>;
  errors: number;
  timeouts: number;
  errorMessages: Record<string, number>;
}

/** One autocannon run on the mix; every response's time and status recorded by kind. */
async function runRound(
  url: string,
  seconds: number,
  setupRequest: ReturnType<typeof mixRequest>,
): Promise<Round> {
  const byKind = Object.fromEntries(
    KINDS.map((kind) => [kind, { sent: 0, times: [], status: {}, timeouts: 0, fiveXxPaths: [] }]),
  ) as unknown as Record<Kind, KindStats>;
  const errorMessages: Record<string, number> = {};
  const contextOf = (client: autocannon.Client) =>
    (client as unknown as { requestIterator: { context: MixContext } }).requestIterator.context;
  // A connection emits 'request' before it draws the next request, and a timed-out one draws
  // its next request before it emits 'timeout': what 'request' last saw is the timed-out kind.
  const setupClient = (client: autocannon.Client) => {
    let inFlight: Kind | undefined;
    const events = client as unknown as NodeJS.EventEmitter; // 'request' and 'timeout' are untyped
    events.on("request", () => (inFlight = contextOf(client).kind));
    events.on("timeout", () => inFlight && (byKind[inFlight].timeouts += 1));
  };
  const draw = (request: autocannon.Request, context: object) => {
    const next = setupRequest(request, context);
    byKind[(context as MixContext).kind!].sent += 1;
    return next;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: REQUEST_TIMEOUT_S,
        requests: [{ setupRequest: draw }],
        setupClient,
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on("response", (client, status, _bytes, responseTime) => {
      // The 'response' event comes before the connection draws its next request, so the
      // per-connection context still describes the request that was just answered.
      const context = contextOf(client);
      const stats = byKind[context.kind ?? "home"];
      // autocannon reuses a connection's parser after a timeout; the rest of the abandoned
      // response then completes with no status line. Counted, but not as a timed response.
      if (typeof status !== "number") {
        stats.status.unparsed = (stats.status.unparsed ?? 0) + 1;
        return;
      }
      stats.times.push(responseTime);
      const key = status >= 500 ? "5xx" : status >= 400 ? String(status) : `${Math.floor(status / 100)}xx`;
      stats.status[key] = (stats.status[key] ?? 0) + 1;
      if (status >= 500 && stats.fiveXxPaths.length < 10) stats.fiveXxPaths.push(`${status} ${context.path}`);
    });
    instance.on("reqError", (error) => {
      errorMessages[error.message] = (errorMessages[error.message] ?? 0) + 1;
    });
  });
  return {
    seconds,
    requestsPerSecond: result.requests.average,
    byKind,
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    errorMessages,
  };
}

/**
 * Counts and percentiles of some kinds of request. Percentiles are over every answered request,
 * with a timed-out one counted at the timeout: when there are timeouts, they are lower bounds.
 */
function summarise(stats: KindStats[]) {
  const timeouts = stats.reduce((sum, s) => sum + s.timeouts, 0);
  const answered = stats.flatMap((s) => s.times);
  const times = [...answered, ...Array<number>(timeouts).fill(REQUEST_TIMEOUT_S * 1000)].sort(
    (a, b) => a - b,
  );
  const status: Record<string, number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  const fourXxByCode: Record<string, number> = {};
  for (const s of stats) {
    for (const [key, count] of Object.entries(s.status)) {
      if (/^4\d\d$/.test(key)) {
        status["4xx"] += count;
        fourXxByCode[key] = (fourXxByCode[key] ?? 0) + count;
      } else status[key] = (status[key] ?? 0) + count;
    }
  }
  const sent = stats.reduce((sum, s) => sum + s.sent, 0);
  return {
    sent,
    /** Answered. */
    requests: answered.length,
    timeouts,
    /** Still waiting for an answer when the round ended (the app finished them afterwards). */
    unansweredAtEnd: Math.max(0, sent - answered.length - timeouts - (status.unparsed ?? 0)),
    p50Ms: round(percentile(times, 50), 1),
    p95Ms: round(percentile(times, 95), 1),
    p99Ms: round(percentile(times, 99), 1),
    status,
    fourXxByCode,
    rateLimited: fourXxByCode["429"] ?? 0,
  };
}

// --- Memory ----------------------------------------------------------------------------------

/**
 * The app's resident memory holding live objects: the lowest RSS over QUIET_SECONDS of no load
 * with a full GC in the app every 5 s (bench/app-probe.mjs). V8 gives back the young generation
 * it grew under load only some seconds after a collection (see lowestRssKb in bench/lib.ts), so a
 * single reading right after one GC would overstate it. PostgreSQL's is read at the end.
 */
async function settledMemory(pid: number): Promise<{ appMiB: number; postgresMiB: number }> {
  await drained(pid);
  const lowest = await lowestSumRssKb(() => appProcessTree(pid).app, QUIET_SECONDS);
  return { appMiB: round(lowest / 1024), postgresMiB: round(appMemory(pid).postgresMiB) };
}

/**
 * Waits until the app has finished the requests autocannon abandoned at the end of a round (it
 * stops waiting, the app does not): until it uses under a tenth of a core for 3 s in a row.
 */
async function drained(pid: number): Promise<void> {
  let quiet = 0;
  const used = () => appProcessTree(pid).app.reduce((sum, child) => sum + cpuSeconds(child), 0);
  let last = used();
  for (let second = 0; second < 120 && quiet < 3; second += 1) {
    await sleep(1000);
    const now = used();
    quiet = now - last < 0.1 ? quiet + 1 : 0;
    last = now;
  }
}

interface Sample {
  round: string;
  second: number;
  appMiB: number;
  postgresMiB: number;
}

async function sampled<T>(pid: number, label: string, samples: Sample[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const take = () => {
    const { appMiB, postgresMiB } = appMemory(pid);
    samples.push({
      round: label,
      second: round((performance.now() - started) / 1000, 0),
      appMiB: round(appMiB),
      postgresMiB: round(postgresMiB),
    });
  };
  const timer = setInterval(take, SAMPLE_MS);
  try {
    return await run();
  } finally {
    clearInterval(timer);
    take();
  }
}

// --- The run ---------------------------------------------------------------------------------

/** Seeds, connects the sockets, runs warm-up, main and second rounds, and reads memory between them. */
async function measure(app: AppProcess) {
  process.env.DATABASE_URL = readFileSync(path.join(app.dataDir, "database-url"), "utf8").trim();
  const posters = await seedUsers();
  const needIds = (await db.need.findMany({ where: { status: "OPEN" }, select: { id: true } })).map(
    (need) => need.id,
  );
  if (needIds.length === 0) throw new Error("the demo data has no open needs: is SEED_DEMO off?");
  const preflightStatus = await preflight(app.url, needIds, posters[0]!);
  const setupRequest = mixRequest(app.url, needIds, posters);

  const sockets = connectSockets(app.url, posters);
  try {
    await sockets.open();
    const cold = await settledMemory(app.pid);
    const warmup = await runRound(app.url, WARMUP_SECONDS, setupRequest);
    const before = await settledMemory(app.pid);
    const samples: Sample[] = [];
    const needsBefore = await db.need.count();
    // Each app process (a cluster's workers too) writes its own profile.
    const profile = () =>
      PROFILE_DIR && appProcessTree(app.pid).app.forEach((pid) => process.kill(pid, "SIGUSR2"));
    profile();
    const main = await sampled(app.pid, "main", samples, () => runRound(app.url, SECONDS, setupRequest));
    profile();
    const after = await settledMemory(app.pid);
    // After the quiet period: posts still in flight when the round ended have finished by now.
    const needsCreated = (await db.need.count()) - needsBefore;
    const second = await sampled(app.pid, "second", samples, () =>
      runRound(app.url, SECOND_ROUND_SECONDS, setupRequest),
    );
    const afterSecond = await settledMemory(app.pid);
    const connected = sockets.sockets.filter((socket) => socket.connected).length;
    return {
      needIds,
      preflightStatus,
      warmup,
      main,
      second,
      needsCreated,
      cold,
      before,
      after,
      afterSecond,
      samples,
      sockets: { connected, disconnects: sockets.state.disconnects },
    };
  } finally {
    sockets.close();
  }
}

const roundSummary = (r: Round) => ({
  ...summarise(Object.values(r.byKind)),
  requestsPerSecond: round(r.requestsPerSecond),
  errors: r.errors,
  timeouts: r.timeouts,
  errorMessages: r.errorMessages,
});

// The app starts its own embedded database; the bench connects to it once the app has written its URL.
delete process.env.DATABASE_URL;
process.env.SESSION_SECRET = SESSION_SECRET;
const app = await startAppProcess({
  LOG_LEVEL: "warn",
  SESSION_SECRET,
  WEB_CONCURRENCY: String(APP_PROCESSES),
  // Forced GC for the memory readings; the main round's CPU profile when BENCH_CPU_PROF is set.
  ...probedAppEnv(),
});
let run: Awaited<ReturnType<typeof measure>>;
try {
  run = await measure(app);
} finally {
  await db.$disconnect().catch(() => undefined);
  await app.stop();
}

// --- Report ------------------------------------------------------------------------------------
const overall = roundSummary(run.main);
const warmup = roundSummary(run.warmup);
const second = roundSummary(run.second);
const byKind = Object.fromEntries(
  KINDS.map((kind) => {
    const s = summarise([run.main.byKind[kind]]);
    return [kind, { ...s, "5xx": s.status["5xx"], fiveXxPaths: run.main.byKind[kind].fiveXxPaths }];
  }),
) as Record<Kind, ReturnType<typeof summarise> & { "5xx": number; fiveXxPaths: string[] }>;
const growth = (from: number, to: number) => round((100 * (to - from)) / from, 1);
const memoryMiB = {
  appCold: run.cold.appMiB,
  appBefore: run.before.appMiB,
  appPeak: Math.max(...run.samples.map((s) => s.appMiB)),
  appAfter: run.after.appMiB,
  appAfterSecondRound: run.afterSecond.appMiB,
  growthPercent: growth(run.before.appMiB, run.after.appMiB),
  secondRoundGrowthPercent: growth(run.after.appMiB, run.afterSecond.appMiB),
  postgresBefore: run.before.postgresMiB,
  postgresPeak: Math.max(...run.samples.map((s) => s.postgresMiB)),
  postgresAfter: run.afterSecond.postgresMiB,
  samples: run.samples,
};
// Every round counts towards the target, the unmeasured warm-up too: a cold start is real.
const rounds = [warmup, overall, second];
const fiveXx = rounds.reduce((sum, r) => sum + r.status["5xx"], 0);
const errors = rounds.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
// Judged only at the settings; a shorter development run reports "not measured".
const fullLength =
  SECONDS >= TARGET.seconds && CONNECTIONS >= TARGET.connections && SOCKETS >= TARGET.sockets;
const met =
  fullLength &&
  fiveXx === TARGET.fiveXx &&
  errors === TARGET.errors &&
  run.sockets.disconnects === TARGET.socketDisconnects &&
  memoryMiB.growthPercent <= TARGET.memoryGrowthPercent &&
  memoryMiB.secondRoundGrowthPercent <= TARGET.secondRoundGrowthPercent;
const results = {
  machine: thisMachine(),
  settings: {
    seconds: SECONDS,
    connections: CONNECTIONS,
    sockets: SOCKETS,
    users: USERS,
    warmupSeconds: WARMUP_SECONDS,
    secondRoundSeconds: SECOND_ROUND_SECONDS,
    quietSeconds: QUIET_SECONDS,
    requestTimeoutSeconds: REQUEST_TIMEOUT_S,
    demoNeeds: run.needIds.length,
    appProcesses: APP_PROCESSES,
  },
  mix: MIX,
  preflight: run.preflightStatus,
  overall,
  byKind,
  warmup,
  secondRound: second,
  sockets: run.sockets,
  needsCreated: run.needsCreated,
  postsRedirected: byKind.post.status["3xx"] ?? 0,
  memoryMiB,
  target: { ...TARGET, met },
};

const row = (s: ReturnType<typeof summarise>, share: string) => ({
  share,
  answered: s.requests,
  "p50 ms": s.p50Ms,
  "p95 ms": s.p95Ms,
  "p99 ms": s.p99Ms,
  "2xx": s.status["2xx"],
  "3xx": s.status["3xx"],
  "4xx": s.status["4xx"],
  "5xx": s.status["5xx"],
  timeouts: s.timeouts,
});
// Each kind's share of the requests sent, against the weight asked for.
const table: Record<string, ReturnType<typeof row>> = {};
for (const { name, weight } of MIX) {
  table[name] = row(
    byKind[name],
    `${weight}% → ${round((100 * byKind[name].sent) / Math.max(1, overall.sent))}%`,
  );
}
table.overall = row(overall, "100%");
table[`warm-up (${WARMUP_SECONDS} s)`] = row(warmup, "");
table[`second round (${SECOND_ROUND_SECONDS} s)`] = row(second, "");
const signed = (n: number) => `${n >= 0 ? "+" : ""}${n}%`;
console.log(
  `\nbench:load — ${SECONDS} s at ${CONNECTIONS} connections, ${SOCKETS} sockets connected, ${results.machine.cores} cores, ${APP_PROCESSES} app process(es) (WEB_CONCURRENCY), ${process.version}\n`,
);
console.table(table);
console.log(
  `main round: ${overall.sent} sent, ${overall.requestsPerSecond} answered/s; p50/p95/p99 count a timed-out request at ${REQUEST_TIMEOUT_S} s; errors ${overall.errors}, timeouts ${overall.timeouts} (>${REQUEST_TIMEOUT_S} s), 429 ${overall.rateLimited}` +
    (Object.keys(overall.fourXxByCode).length
      ? `, 4xx by code ${JSON.stringify(overall.fourXxByCode)}`
      : "") +
    (overall.status.unparsed ? `, ${overall.status.unparsed} unparsed after a timeout` : "") +
    `, ${overall.unansweredAtEnd} unanswered when the round ended` +
    `; sockets ${run.sockets.connected}/${SOCKETS} still connected, ${run.sockets.disconnects} disconnects; ` +
    `needs created ${run.needsCreated} (posts redirected ${results.postsRedirected})`,
);
for (const [kind, stats] of Object.entries(byKind)) {
  if (stats.fiveXxPaths.length) console.log(`5xx on ${kind}: ${stats.fiveXxPaths.join(", ")}`);
}
console.log(
  `memory (MiB, lowest over ${QUIET_SECONDS} s quiet with forced GC): app cold ${memoryMiB.appCold}, before ${memoryMiB.appBefore}, peak under load ${memoryMiB.appPeak}, ` +
    `after ${memoryMiB.appAfter} (${signed(memoryMiB.growthPercent)}), after the second round ${memoryMiB.appAfterSecondRound} (${signed(memoryMiB.secondRoundGrowthPercent)}); ` +
    `PostgreSQL ${memoryMiB.postgresBefore} → peak ${memoryMiB.postgresPeak} → ${memoryMiB.postgresAfter}`,
);
console.log(
  `target (0 5xx and 0 errors/timeouts in every round, 0 socket disconnects, app memory after ≤ ${signed(TARGET.memoryGrowthPercent)} of before, ` +
    `second round ≤ ${signed(TARGET.secondRoundGrowthPercent)} more): ${met ? "met" : fullLength ? "not met" : "not measured (shorter settings)"} — ${fiveXx} 5xx, ${errors} errors/timeouts in all rounds`,
);
writeResults("load", results);
