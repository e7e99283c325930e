// The pure half of `npm run bench` (bench/run-all.ts): from each bench's bench/results/<name>.json
// to one table of rows — figure, baseline measured in the same run, ratio, target, pass/FAIL —
// the SVG charts and the Markdown report. No I/O here, so tests can feed it sample JSON.
import {
  COLORS,
  FAIL_COLOR,
  barChart,
  formatNumber,
  lineChart,
  type BarGroup,
  type Series,
} from "./report-svg";

export const BENCHES = [
  "http",
  "search",
  "relevance",
  "chat",
  "ledger",
  "reads",
  "weight",
  "load",
  "lighthouse",
  "field",
] as const;
export type BenchName = (typeof BENCHES)[number];

export interface Row {
  area: BenchName;
  figure: string;
  value: number | string;
  unit: string;
  /** What the figure is compared with, measured in the same run of the same bench. */
  baseline: { name: string; value: number } | null;
  /** value ÷ baseline value. */
  ratio: number | null;
  target: string;
  pass: "pass" | "FAIL" | "—";
  note?: string;
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

export interface BenchRun {
  name: BenchName;
  /** ran: this run; crashed: this run, no results; earlier: results of an earlier run; not run: none. */
  status: "ran" | "crashed" | "earlier" | "not run";
  exitCode?: number | null;
  seconds?: number;
  /** When its results file was written. */
  resultsAt?: string;
}

export interface Chart {
  file: string;
  title: string;
  svg: string;
}

// The shapes of the results files, as far as the report reads them (see each bench).
interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}
type HttpLoad = Latency & { requestsPerSecond: number; errors: number; non2xx: number };
interface HttpJson {
  settings: { connections: number; seconds: number };
  homePage: HttpLoad;
  bareExpress: Latency & { requestsPerSecond: number };
  /** The equal-work rendering baseline (bench/render-baseline.ts), by page; absent before issue 25. */
  equalWork?: Record<
    string,
    { path: string; app: HttpLoad; baseline: HttpLoad; htmlBytes: { app: number; baseline: number } }
  >;
  memoryMiB: { appIdle: number; appIdleAfterGc?: number; postgresIdle: number };
  /** The built server's start-up to listening, three restarts on the same data; absent before 2026-12-07. */
  startup?: { readyMs: number[]; medianMs: number };
}
interface SearchJson {
  documents: number;
  embedded: Latency;
  postgresIlike: Latency;
  target: { p95Ms: number; fasterThanScan: number };
}
interface RelevanceFigures {
  queries: number;
  ndcgAt5: number;
  shareOfBestPrecision: number;
}
interface RelevanceJson {
  queries: number;
  engine: Record<string, RelevanceFigures>;
  substring: Record<string, RelevanceFigures>;
  postgresIlike: Record<string, RelevanceFigures>;
  target: { ndcgAt5: number; shareOfBestPrecision: number };
}
interface ChatSide {
  deliveryMs: { p50: number; p95: number; p99: number };
  lost: number;
  duplicated: number;
  refused: number;
  timedOut: number;
}
interface ChatTarget {
  rate: number;
  users?: number;
  p95Ms: number;
  source?: string;
}
interface ChatRound {
  rate: number;
  xiangke: ChatSide;
  bareRelay: ChatSide;
}
interface ChatMemory {
  sockets: number;
  perSocketKiB: number | null;
  perSocketRssKiB: number | null;
}
/** bench:chat since issue 25: a round per rate, memory per connected socket. */
interface ChatJson {
  settings: { users: number; seconds: number; rates: number[] };
  rounds: ChatRound[];
  memory?: { xiangke: ChatMemory; bareRelay: ChatMemory };
  targets: ChatTarget[];
}
/** bench:chat before issue 25: one rate, one target. */
interface ChatJsonOneRate {
  settings: { rate: number; seconds: number; users?: number };
  xiangke: ChatSide;
  bareRelay: ChatSide;
  target: ChatTarget;
}
interface LedgerRun {
  transfersPerSecond: number;
}
interface LedgerJson {
  ledger: { sequential: LedgerRun; concurrent32: LedgerRun };
  plainInserts: { sequential: LedgerRun; concurrent32: LedgerRun };
  invariantsHold: boolean;
}
interface WeightJson {
  budgetKb: number;
  pages: Record<string, { "JS kB gz": number }>;
}
interface LoadRound extends Partial<Latency> {
  requestsPerSecond: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
}
export interface LoadJson {
  settings: { seconds: number; connections: number; sockets: number; appProcesses?: number };
  overall: LoadRound & Latency & { requests: number };
  byKind: Record<string, Latency & { requests: number; "5xx": number }>;
  secondRound?: LoadRound;
  sockets: { connected: number; disconnects: number };
  needsCreated: number;
  postsRedirected?: number;
  memoryMiB: {
    appBefore: number;
    appAfter: number;
    appAfterSecondRound?: number;
    growthPercent?: number;
    secondRoundGrowthPercent?: number;
    samples: { round?: string; second?: number; appMiB?: number; postgresMiB?: number }[];
  };
  target: { fiveXx: number; memoryGrowthPercent: number; secondRoundGrowthPercent?: number };
}
export interface LighthousePage {
  slug: string;
  name: string;
  performance: number;
  accessibility: number;
  performanceRuns?: number[];
  lcpMs: number;
  tbtMs: number;
  costliest?: Record<string, { id: string; pointsLost?: number; savingsMs?: number }[]>;
}
interface LighthouseJson {
  targets: { performance: number; accessibility: number };
  pages: LighthousePage[];
}

/** The issue's load conditions: a shorter or lighter run can fail a target but never pass one. */
const LOAD_CONDITIONS = { seconds: 60, connections: 200, sockets: 1000 };
/** Issue 25's targets, as it words them. */
const ISSUE_25 = {
  renderRatio: 0.5,
  renderConnections: 10,
  idleRssMiB: 200,
  startMs: 3000,
  loadP95Ms: 1000,
  loadRequestsPerSecond: 300,
  secondRoundWithinPercent: 10,
  chat: { rate: 2000, users: 1000, p95Ms: 50 },
  ledgerRatio: 0.3,
  searchDocuments: 50_000,
  searchP95Ms: 10,
};
/** The equal-work baseline rendered another page when its HTML differs by more than this. */
const HTML_BYTES_TOLERANCE = 0.1;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratioOf = (value: number, baseline: number) =>
  baseline > 0 ? Number((value / baseline).toPrecision(3)) : null;
const judge = (ok: boolean): Row["pass"] => (ok ? "pass" : "FAIL");
/** A target checked outside its stated conditions: a miss is still a FAIL, a success is not claimed. */
const judgeAt = (conditionsMet: boolean, ok: boolean): Row["pass"] =>
  !ok ? "FAIL" : conditionsMet ? "pass" : "—";

function row(
  area: BenchName,
  figure: string,
  measured: number | string | null | undefined,
  unit: string,
  extra: Partial<Row> = {},
): Row {
  // A percentile of no responses is NaN in the bench, null once written as JSON.
  const value =
    typeof measured === "string" || (typeof measured === "number" && Number.isFinite(measured))
      ? measured
      : "—";
  const baseline = extra.baseline ?? null;
  const ratio = baseline && typeof value === "number" ? ratioOf(value, baseline.value) : null;
  return { area, figure, value, unit, baseline, ratio, target: "—", pass: "—", ...extra };
}

interface FieldJson {
  budget: { readableMs: number; kB: number };
  pages: Record<
    string,
    {
      readableMs: number;
      interactiveMs: number | null;
      kB: number;
      repeatKB: number;
      htmlOnlyReadableMs: number;
      htmlOnlyKB: number;
    }
  >;
  chat: {
    cuts: number;
    typed: number;
    typedOffline: number;
    stored: number;
    lost: number;
    duplicated: number;
    orderKept: boolean;
    baselineTyped: number;
    baselineStored: number;
  };
}

/** Issue 25's server-rendering target, a row per page; a run without the baseline has not met it. */
function equalWorkRows(j: HttpJson): Row[] {
  const target = `≥ ${ISSUE_25.renderRatio}× the equal-work render's req/s at ${ISSUE_25.renderConnections} connections (issue 25)`;
  const atTarget = j.settings.connections === ISSUE_25.renderConnections;
  if (!j.equalWork)
    return ["home", "needs list"].map((page) =>
      row("http", `${page} vs equal-work render`, "not measured", "", {
        target,
        pass: "FAIL",
        note: "results from before the equal-work baseline (bench/render-baseline.ts)",
      }),
    );
  return Object.entries(j.equalWork).map(([page, figures]) => {
    const { app, baseline } = figures;
    const bytes = figures.htmlBytes;
    const comparable =
      bytes.app > 0 && Math.abs(bytes.app - bytes.baseline) / bytes.app <= HTML_BYTES_TOLERANCE;
    const errors = app.errors + app.non2xx + baseline.errors + baseline.non2xx;
    const ok =
      comparable &&
      errors === 0 &&
      baseline.requestsPerSecond > 0 &&
      app.requestsPerSecond / baseline.requestsPerSecond >= ISSUE_25.renderRatio;
    return row("http", `${page} vs equal-work render`, round(app.requestsPerSecond), "req/s", {
      baseline: {
        name: `bare Express rendering ${figures.path} from the same data`,
        value: round(baseline.requestsPerSecond),
      },
      target,
      // Unlike pages are no baseline at all: that is a FAIL however the numbers fall.
      pass: comparable ? judgeAt(atTarget, ok) : "FAIL",
      note: [
        `HTML ${bytes.app} B from the app, ${bytes.baseline} B from the baseline${comparable ? "" : " — not the same page"}`,
        `p95 ${round(app.p95Ms)} vs ${round(baseline.p95Ms)} ms`,
        atTarget ? "" : `measured at ${j.settings.connections} connections`,
        errors ? `${errors} errors` : "",
      ]
        .filter(Boolean)
        .join("; "),
    });
  });
}

/** Chat results of either shape as rounds; the one-rate shape had one target, ours. */
function chatRounds(json: ChatJson | ChatJsonOneRate): ChatJson {
  if ("rounds" in json) return json;
  return {
    settings: {
      users: json.settings.users ?? 1000,
      seconds: json.settings.seconds,
      rates: [json.settings.rate],
    },
    rounds: [{ rate: json.settings.rate, xiangke: json.xiangke, bareRelay: json.bareRelay }],
    targets: [{ ...json.target, source: "ours" }],
  };
}

interface ReadsJson {
  rows: { variant: string; readsPerSecond: number; cpuMsPerRead: number; p95Ms: number }[];
}

const ROWS: { [name in BenchName]: (json: never) => Row[] } = {
  // Not an issue target: the figures behind docs/decisions/044 (hot reads in SQL).
  reads: (j: ReadsJson) => {
    const [model, app, bare] = j.rows;
    if (!model || !app || !bare) return [];
    return [
      row("reads", "needs list page, CPU a read — listNeeds (SQL)", app.cpuMsPerRead, "ms", {
        baseline: { name: "Prisma model query, same rows", value: model.cpuMsPerRead },
        note: `bare pg pool: ${bare.cpuMsPerRead} ms`,
      }),
      row(
        "reads",
        "needs list page, reads/s at 10 callers — listNeeds (SQL)",
        app.readsPerSecond,
        "reads/s",
        {
          baseline: { name: "Prisma model query, same rows", value: model.readsPerSecond },
          note: `bare pg pool: ${bare.readsPerSecond} reads/s`,
        },
      ),
    ];
  },
  field: (j: FieldJson) => [
    ...Object.entries(j.pages).flatMap(([page, figures]) => [
      row("field", `slow link — ${page} readable`, figures.readableMs, "ms", {
        baseline: { name: "same page's HTML alone", value: figures.htmlOnlyReadableMs },
        target: `≤ ${j.budget.readableMs} ms`,
        pass: judge(figures.readableMs <= j.budget.readableMs),
      }),
      row("field", `slow link — ${page} transferred`, figures.kB, "kB", {
        baseline: { name: "same page's HTML alone", value: figures.htmlOnlyKB },
        target: `≤ ${j.budget.kB} kB`,
        pass: judge(figures.kB <= j.budget.kB),
      }),
    ]),
    row("field", `chat across ${j.chat.cuts} cuts — lost`, j.chat.lost, "messages", {
      note: `${j.chat.typed} typed (${j.chat.typedOffline} offline), ${j.chat.stored} stored`,
      target: "0",
      pass: judge(j.chat.lost === 0),
    }),
    row("field", `chat across ${j.chat.cuts} cuts — duplicated`, j.chat.duplicated, "messages", {
      target: "0",
      pass: judge(j.chat.duplicated === 0 && j.chat.orderKept),
    }),
    row("field", "chat across cuts — stored of typed", j.chat.stored, "messages", {
      baseline: { name: "stored of typed on a link that never drops", value: j.chat.baselineStored },
    }),
  ],
  http: (j: HttpJson) => {
    const atTarget = j.settings.connections === 10;
    const errors = j.homePage.errors + j.homePage.non2xx;
    return [
      row("http", "home page throughput", round(j.homePage.requestsPerSecond), "req/s", {
        baseline: { name: "bare Express, same bytes", value: round(j.bareExpress.requestsPerSecond) },
      }),
      row("http", "home page p95", round(j.homePage.p95Ms), "ms", {
        baseline: { name: "bare Express p95", value: round(j.bareExpress.p95Ms) },
        target: "p95 ≤ 100 ms at 10 connections, 0 errors (ours)",
        pass: judgeAt(atTarget, j.homePage.p95Ms <= 100 && errors === 0),
        note:
          [
            atTarget ? "" : `measured at ${j.settings.connections} connections`,
            errors ? `${errors} errors` : "",
          ]
            .filter(Boolean)
            .join("; ") || undefined,
      }),
      ...equalWorkRows(j),
      row("http", "app memory, idle (demo data)", j.memoryMiB.appIdle, "MiB", {
        target: `≤ ${ISSUE_25.idleRssMiB} MiB with the demo data (issue 25)`,
        pass: judge(j.memoryMiB.appIdle <= ISSUE_25.idleRssMiB),
        note:
          j.memoryMiB.appIdleAfterGc === undefined
            ? undefined
            : `${j.memoryMiB.appIdleAfterGc} MiB after forced GC`,
      }),
      row("http", "PostgreSQL memory, idle", j.memoryMiB.postgresIdle, "MiB"),
      ...(j.startup
        ? [
            row("http", "start-up of the built server, to listening", j.startup.medianMs, "ms", {
              target: `< ${ISSUE_25.startMs} ms, the database's start, migrations and seeding aside (issue 25)`,
              pass: judge(j.startup.medianMs < ISSUE_25.startMs),
              note: `median of ${j.startup.readyMs.join(", ")} ms`,
            }),
          ]
        : []),
    ];
  },
  search: (j: SearchJson) => {
    const speedUp = round(j.postgresIlike.p95Ms / j.embedded.p95Ms);
    const limit = Math.min(j.target.p95Ms, ISSUE_25.searchP95Ms);
    return [
      row("search", `embedded engine p95 (${j.documents} docs)`, j.embedded.p95Ms, "ms", {
        baseline: { name: "PostgreSQL ILIKE scan p95", value: j.postgresIlike.p95Ms },
        target: `p95 ≤ ${limit} ms at ${ISSUE_25.searchDocuments.toLocaleString("en-US")} documents (issue 25)`,
        pass: judgeAt(j.documents >= ISSUE_25.searchDocuments, j.embedded.p95Ms <= limit),
        note: j.documents >= ISSUE_25.searchDocuments ? undefined : `measured at ${j.documents} documents`,
      }),
      row("search", "speed-up over the scan (p95)", speedUp, "×", {
        target: `≥ ${j.target.fasterThanScan}× faster than the scan`,
        pass: judge(speedUp >= j.target.fasterThanScan),
      }),
    ];
  },
  relevance: (j: RelevanceJson) => {
    const overall = j.engine.overall;
    const categories = Object.keys(j.engine).filter((name) => name !== "overall");
    return [
      row("relevance", `nDCG@5 (${j.queries} graded queries)`, overall.ndcgAt5, "", {
        baseline: { name: "substring of the whole query", value: j.substring.overall.ndcgAt5 },
        target: `≥ ${j.target.ndcgAt5} (issue 21, judged on its held-out set)`,
        pass: judge(overall.ndcgAt5 >= j.target.ndcgAt5),
        note: `PostgreSQL ILIKE: ${j.postgresIlike.overall.ndcgAt5}`,
      }),
      row("relevance", "share of the best possible P@5", round(overall.shareOfBestPrecision * 100), "%", {
        baseline: {
          name: "substring of the whole query",
          value: round(j.substring.overall.shareOfBestPrecision * 100),
        },
        target: `≥ ${round(j.target.shareOfBestPrecision * 100)} %`,
        pass: judge(overall.shareOfBestPrecision >= j.target.shareOfBestPrecision),
        note: `PostgreSQL ILIKE: ${round(j.postgresIlike.overall.shareOfBestPrecision * 100)} %`,
      }),
      ...categories.map((name) =>
        row("relevance", `nDCG@5 — ${name} (${j.engine[name].queries})`, j.engine[name].ndcgAt5, "", {
          baseline: { name: "substring of the whole query", value: j.substring[name].ndcgAt5 },
        }),
      ),
    ];
  },
  chat: (json: ChatJson | ChatJsonOneRate) => {
    const j = chatRounds(json);
    const users = j.settings.users;
    const rows: Row[] = [];
    for (const r of j.rounds) {
      const target = j.targets.find((t) => t.rate === r.rate);
      const source = target?.source === "issue 25" ? "issue 25" : "ours";
      const clients = target?.users ?? 0;
      const atTarget = target !== undefined && users >= clients;
      const judged = (ok: boolean) => (target ? judgeAt(atTarget, ok) : "—");
      const note = !target
        ? `ran at ${r.rate} msg/s`
        : atTarget
          ? undefined
          : `${users} clients, not ${clients}`;
      const ours = r.xiangke;
      rows.push(
        row("chat", `delivery p95 at ${r.rate} msg/s, stored`, ours.deliveryMs.p95, "ms", {
          baseline: {
            name: `bare Socket.IO relay p95 at ${r.rate} msg/s`,
            value: r.bareRelay.deliveryMs.p95,
          },
          target: target
            ? `p95 ≤ ${target.p95Ms} ms at ${target.rate} msg/s${clients ? `, ${clients} clients` : ""} (${source})`
            : "—",
          pass: judged(ours.deliveryMs.p95 <= (target?.p95Ms ?? 0)),
          note,
        }),
        row("chat", `messages lost at ${r.rate} msg/s`, ours.lost, "msgs", {
          target: target ? `0 (${source})` : "—",
          pass: judged(ours.lost === 0),
          note: [note, `bare relay lost ${r.bareRelay.lost}`].filter(Boolean).join("; "),
        }),
        row("chat", `messages duplicated at ${r.rate} msg/s`, ours.duplicated, "msgs", {
          target: target ? `0 (${source})` : "—",
          pass: judged(ours.duplicated === 0),
          note: [note, `bare relay duplicated ${r.bareRelay.duplicated}`].filter(Boolean).join("; "),
        }),
        row(
          "chat",
          `messages refused or unacknowledged at ${r.rate} msg/s`,
          ours.refused + ours.timedOut,
          "msgs",
          {
            target: target ? "0 (ours, as bench:chat)" : "—",
            pass: judged(ours.refused + ours.timedOut === 0),
            note,
          },
        ),
      );
    }
    // The issue's round must be there: a run without it has not met it.
    const issue = ISSUE_25.chat;
    if (!j.rounds.some((r) => r.rate === issue.rate))
      rows.push(
        row("chat", `delivery p95 at ${issue.rate} msg/s, stored`, "not run", "", {
          target: `p95 ≤ ${issue.p95Ms} ms at ${issue.rate} msg/s, ${issue.users} clients, 0 lost, 0 duplicated (issue 25)`,
          pass: "FAIL",
          note: `this run measured ${j.rounds.map((r) => r.rate).join(", ") || "no"} msg/s only`,
        }),
      );
    const memory = j.memory?.xiangke;
    const perSocket = memory?.perSocketKiB;
    const reported = typeof perSocket === "number" && Number.isFinite(perSocket) && perSocket > 0;
    rows.push(
      row(
        "chat",
        "memory per connected socket (heap + external after GC)",
        perSocket ?? "not measured",
        "KiB",
        {
          baseline:
            typeof j.memory?.bareRelay.perSocketKiB === "number"
              ? { name: "bare Socket.IO relay", value: j.memory.bareRelay.perSocketKiB }
              : null,
          target: "reported (issue 25)",
          // A negative or missing figure is a measuring error, not a report.
          pass: judge(reported),
          note: memory
            ? `${memory.sockets} sockets; RSS ${memory.perSocketRssKiB ?? "—"} KiB per socket`
            : "this run did not measure it",
        },
      ),
    );
    return rows;
  },
  ledger: (j: LedgerJson) => [
    row("ledger", "transfers/s, sequential", j.ledger.sequential.transfersPerSecond, "tx/s", {
      baseline: { name: "plain inserts, sequential", value: j.plainInserts.sequential.transfersPerSecond },
    }),
    row("ledger", "transfers/s, 32 clients", j.ledger.concurrent32.transfersPerSecond, "tx/s", {
      baseline: { name: "plain inserts, 32 clients", value: j.plainInserts.concurrent32.transfersPerSecond },
      target: `≥ ${ISSUE_25.ledgerRatio}× plain inserts of the same rows at 32 clients, invariants hold (issue 25)`,
      pass: judge(
        j.invariantsHold === true &&
          j.plainInserts.concurrent32.transfersPerSecond > 0 &&
          j.ledger.concurrent32.transfersPerSecond / j.plainInserts.concurrent32.transfersPerSecond >=
            ISSUE_25.ledgerRatio,
      ),
    }),
    row("ledger", "ledger invariants after the run", j.invariantsHold ? "hold" : "broken", "", {
      target: "invariants hold",
      pass: judge(j.invariantsHold === true),
    }),
  ],
  weight: (j: WeightJson) =>
    Object.entries(j.pages).map(([page, figures]) =>
      row("weight", `JS gzipped — ${page}`, figures["JS kB gz"], "kB", {
        target: `≤ ${j.budgetKb} kB`,
        pass: judge(figures["JS kB gz"] <= j.budgetKb),
      }),
    ),
  load: (j: LoadJson) => {
    const s = j.settings;
    const atLoad =
      s.seconds >= LOAD_CONDITIONS.seconds &&
      s.connections >= LOAD_CONDITIONS.connections &&
      s.sockets >= LOAD_CONDITIONS.sockets;
    const short = atLoad
      ? undefined
      : `lighter than the issue's ${LOAD_CONDITIONS.seconds} s, ${LOAD_CONDITIONS.connections} connections, ${LOAD_CONDITIONS.sockets} sockets`;
    const fiveXx = (j.overall.status["5xx"] ?? 0) + (j.secondRound?.status["5xx"] ?? 0);
    const errors =
      j.overall.errors +
      j.overall.timeouts +
      (j.secondRound ? j.secondRound.errors + j.secondRound.timeouts : 0);
    const m = j.memoryMiB;
    const growth = m.growthPercent ?? round((100 * (m.appAfter - m.appBefore)) / m.appBefore);
    const rpsTarget = `≥ ${ISSUE_25.loadRequestsPerSecond} req/s overall (issue 25)`;
    const p95Target = `p95 ≤ ${formatNumber(ISSUE_25.loadP95Ms / 1000)} s for every kind of request (issue 25)`;
    const fast = (p95: number | null | undefined) =>
      typeof p95 === "number" && Number.isFinite(p95) && p95 <= ISSUE_25.loadP95Ms;
    const rows = [
      row(
        "load",
        `requests/s (${s.seconds} s, ${s.connections} connections, ${s.sockets} sockets)`,
        j.overall.requestsPerSecond,
        "req/s",
        {
          target: rpsTarget,
          pass: judgeAt(atLoad, j.overall.requestsPerSecond >= ISSUE_25.loadRequestsPerSecond),
          note: [
            `${j.overall.requests} requests`,
            s.appProcesses ? `${s.appProcesses} app process(es) (WEB_CONCURRENCY)` : undefined,
            short,
          ]
            .filter(Boolean)
            .join("; "),
        },
      ),
      row("load", "p95, all requests", j.overall.p95Ms, "ms", {
        target: p95Target,
        pass: judgeAt(atLoad, fast(j.overall.p95Ms)),
        note: `p50 ${j.overall.p50Ms}, p99 ${j.overall.p99Ms}`,
      }),
      // A kind nobody got an answer for has no p95 to meet the target with.
      ...Object.entries(j.byKind).map(([kind, k]) =>
        row("load", `p95, ${kind}`, k.p95Ms, "ms", {
          target: p95Target,
          pass: k.requests > 0 ? judgeAt(atLoad, fast(k.p95Ms)) : "FAIL",
          note: k.requests > 0 ? `${k.requests} requests` : "no responses",
        }),
      ),
      row("load", "5xx responses", fiveXx, "", {
        target: `${j.target.fiveXx}`,
        pass: judgeAt(atLoad, fiveXx === j.target.fiveXx),
        note: short,
      }),
      row("load", "connection errors and timeouts", errors, "", {
        target: "0 errors (issue 25)",
        pass: judgeAt(atLoad, errors === 0),
        note: short,
      }),
      row("load", "socket disconnects", j.sockets.disconnects, "", {
        target: "0",
        pass: judgeAt(atLoad, j.sockets.disconnects === 0),
        note: `${j.sockets.connected} of ${s.sockets} connected at the end`,
      }),
      row("load", "app memory growth after the load", growth, "%", {
        target: `≤ ${j.target.memoryGrowthPercent}%`,
        pass: judgeAt(atLoad, growth <= j.target.memoryGrowthPercent),
        note: `${m.appBefore} → ${m.appAfter} MiB after GC`,
      }),
    ];
    if (j.secondRound) {
      const r = j.secondRound;
      rows.push(
        row("load", "second round: requests/s", r.requestsPerSecond, "req/s", {
          target: rpsTarget,
          pass: judgeAt(atLoad, r.requestsPerSecond >= ISSUE_25.loadRequestsPerSecond),
        }),
        row("load", "second round: p95, all requests", r.p95Ms ?? "—", "ms", {
          target: p95Target,
          pass: judgeAt(atLoad, fast(r.p95Ms)),
          note: r.p95Ms === undefined ? "not in this results file" : `p50 ${r.p50Ms}, p99 ${r.p99Ms}`,
        }),
      );
    }
    const within = `within ${ISSUE_25.secondRoundWithinPercent} % of after one round (issue 25)`;
    if (m.appAfterSecondRound !== undefined) {
      const second =
        m.secondRoundGrowthPercent ?? round((100 * (m.appAfterSecondRound - m.appAfter)) / m.appAfter);
      rows.push(
        row("load", "app memory after two rounds vs after one", second, "%", {
          target: within,
          pass: judgeAt(atLoad, Math.abs(second) <= ISSUE_25.secondRoundWithinPercent),
          note: `${m.appAfter} → ${m.appAfterSecondRound} MiB after GC`,
        }),
      );
    } else {
      rows.push(
        row("load", "app memory after two rounds vs after one", "not measured", "", {
          target: within,
          pass: "FAIL",
          note: "this run had no second round",
        }),
      );
    }
    rows.push(
      row("load", "needs created by the posts", j.needsCreated, "needs", {
        note: j.postsRedirected === undefined ? undefined : `${j.postsRedirected} posts redirected`,
      }),
    );
    return rows;
  },
  lighthouse: (j: LighthouseJson) =>
    j.pages.flatMap((page) => [
      row("lighthouse", `performance — ${page.name}`, page.performance, "/100", {
        target: `≥ ${j.targets.performance}`,
        pass: judge(page.performance >= j.targets.performance),
        note:
          page.performanceRuns && page.performanceRuns.length > 1
            ? `median of ${page.performanceRuns.join(", ")}`
            : undefined,
      }),
      row("lighthouse", `accessibility — ${page.name}`, page.accessibility, "/100", {
        target: `≥ ${j.targets.accessibility}`,
        pass: judge(page.accessibility >= j.targets.accessibility),
      }),
      row("lighthouse", `LCP — ${page.name}`, page.lcpMs, "ms"),
      row("lighthouse", `TBT — ${page.name}`, page.tbtMs, "ms"),
    ]),
};

/** One bench's rows; a results file that does not have the expected shape is a FAIL row. */
export function rowsFor(name: BenchName, json: unknown): Row[] {
  try {
    return (ROWS[name] as (json: unknown) => Row[])(json);
  } catch (error) {
    return [
      row(name, "results file", "unreadable", "", {
        target: "readable results",
        pass: "FAIL",
        note: error instanceof Error ? error.message : String(error),
      }),
    ];
  }
}

/** Issue 25's targets by bench, as its rows name them: each is in the table even when its bench has no results. */
const ISSUE_25_ROWS: Partial<Record<BenchName, [figure: string, target: string][]>> = {
  http: [
    [
      "home vs equal-work render",
      `≥ ${ISSUE_25.renderRatio}× the equal-work render's req/s at 10 connections (issue 25)`,
    ],
    [
      "needs list vs equal-work render",
      `≥ ${ISSUE_25.renderRatio}× the equal-work render's req/s at 10 connections (issue 25)`,
    ],
    ["app memory, idle (demo data)", `≤ ${ISSUE_25.idleRssMiB} MiB with the demo data (issue 25)`],
  ],
  search: [["embedded engine p95", `p95 ≤ ${ISSUE_25.searchP95Ms} ms at 50,000 documents (issue 25)`]],
  chat: [
    [
      `delivery p95 at ${ISSUE_25.chat.rate} msg/s, stored`,
      `p95 ≤ ${ISSUE_25.chat.p95Ms} ms at ${ISSUE_25.chat.rate} msg/s, ${ISSUE_25.chat.users} clients, 0 lost, 0 duplicated (issue 25)`,
    ],
    ["memory per connected socket", "reported (issue 25)"],
  ],
  ledger: [
    [
      "transfers/s, 32 clients",
      `≥ ${ISSUE_25.ledgerRatio}× plain inserts at 32 clients, invariants hold (issue 25)`,
    ],
  ],
  load: [
    ["requests/s", `≥ ${ISSUE_25.loadRequestsPerSecond} req/s overall (issue 25)`],
    ["p95, every kind of request", "p95 ≤ 1 s for every kind of request (issue 25)"],
    ["errors", "0 errors (issue 25)"],
    [
      "app memory after two rounds vs after one",
      `within ${ISSUE_25.secondRoundWithinPercent} % of after one round (issue 25)`,
    ],
  ],
};

/** A bench without results has not met the issue's targets it measures: each a FAIL row. */
function unmeasured(name: BenchName, why: string): Row[] {
  return (ISSUE_25_ROWS[name] ?? []).map(([figure, target]) =>
    row(name, figure, "not measured", "", { target, pass: "FAIL", note: why }),
  );
}

/** Rows for every bench, in the order of BENCHES, with crashed and missing benches as rows too. */
export function buildRows(raw: Partial<Record<BenchName, unknown>>, runs: BenchRun[] = []): Row[] {
  return BENCHES.flatMap((name) => {
    const run = runs.find((r) => r.name === name);
    if (run?.status === "crashed") {
      return [
        row(name, "bench run", "crashed", "", {
          target: "runs to the end",
          pass: "FAIL",
          note: `exit code ${run.exitCode ?? "none"}, no results written`,
        }),
        ...unmeasured(name, "the bench crashed"),
      ];
    }
    if (raw[name] === undefined)
      return [
        row(name, "bench run", "not run", "", { note: "not selected (BENCH_ONLY) and no earlier results" }),
        ...unmeasured(name, "the bench did not run"),
      ];
    const rows = rowsFor(name, raw[name]);
    if (run?.status !== "earlier") return rows;
    const earlier = `from an earlier run${run.resultsAt ? ` (${run.resultsAt.slice(0, 16).replace("T", " ")})` : ""}`;
    return rows.map((r) => ({ ...r, note: r.note ? `${earlier}; ${r.note}` : earlier }));
  });
}

export function verdict(rows: Row[]): { met: number; judged: number; text: string } {
  const judged = rows.filter((r) => r.pass !== "—");
  const met = judged.filter((r) => r.pass === "pass").length;
  return { met, judged: judged.length, text: `${met} of ${judged.length} targets met` };
}

/** A cell for a table: numbers as people write them, ratios with ×. */
export function cells(r: Row): Record<string, string> {
  return {
    area: r.area,
    figure: r.figure,
    value: typeof r.value === "number" ? formatNumber(r.value) : r.value,
    unit: r.unit,
    baseline: r.baseline ? `${r.baseline.name}: ${formatNumber(r.baseline.value)}` : "—",
    ratio: r.ratio === null ? "—" : `${formatNumber(r.ratio)}×`,
    target: r.target,
    result: r.pass,
    note: r.note ?? "",
  };
}

// --- Charts --------------------------------------------------------------------------------------

export function buildCharts(rows: Row[], raw: Partial<Record<BenchName, unknown>>): Chart[] {
  const charts: Chart[] = [];
  const compared = rows.filter(
    (r) => r.baseline && typeof r.value === "number" && Number.isFinite(r.baseline.value),
  );
  if (compared.length > 0) {
    const title = "XiangKe against its baseline, same run";
    const groups: BarGroup[] = compared.map((r) => ({
      label: `${r.area}: ${r.figure} (${formatNumber(r.ratio ?? Number.NaN)}×)`,
      bars: [
        { label: "XiangKe", value: r.value as number, text: `${formatNumber(r.value as number)} ${r.unit}` },
        {
          label: r.baseline!.name,
          value: r.baseline!.value,
          text: `${formatNumber(r.baseline!.value)} ${r.unit}`,
        },
      ],
    }));
    charts.push({
      file: "baselines.svg",
      title,
      svg: barChart({
        title,
        note: "Each pair is scaled to its longer bar; the ratio is XiangKe ÷ baseline.",
        groups,
        scale: "per-group",
      }),
    });
  }

  const weight = raw.weight as WeightJson | undefined;
  if (weight?.pages) {
    const title = "JavaScript per page, gzipped";
    const bars = Object.entries(weight.pages).map(([page, figures]) => ({
      label: page,
      value: figures["JS kB gz"],
      text: `${formatNumber(figures["JS kB gz"])} kB`,
      color: figures["JS kB gz"] <= weight.budgetKb ? COLORS[0] : FAIL_COLOR,
    }));
    charts.push({
      file: "weight.svg",
      title,
      svg: barChart({
        title,
        note: "Red: over the budget.",
        groups: [{ label: "kB gzipped", bars }],
        markers: [{ value: weight.budgetKb, label: `budget ${weight.budgetKb} kB` }],
      }),
    });
  }

  const lighthouse = raw.lighthouse as LighthouseJson | undefined;
  if (lighthouse?.pages) {
    const title = "Lighthouse mobile scores";
    const { performance, accessibility } = lighthouse.targets;
    const groups = lighthouse.pages.map((page) => ({
      label: page.name,
      bars: [
        {
          label: "performance",
          value: page.performance,
          color: page.performance >= performance ? COLORS[2] : FAIL_COLOR,
        },
        {
          label: "accessibility",
          value: page.accessibility,
          color: page.accessibility >= accessibility ? COLORS[0] : FAIL_COLOR,
        },
      ],
    }));
    const markers = [
      { value: performance, label: `performance target ${performance}`, color: COLORS[2] },
      { value: accessibility, label: `accessibility target ${accessibility}`, color: COLORS[0] },
    ];
    charts.push({
      file: "lighthouse.svg",
      title,
      svg: barChart({ title, note: "Red: under its target.", groups, max: 100, markers }),
    });
  }

  const load = raw.load as LoadJson | undefined;
  if (load?.memoryMiB?.samples?.length) {
    const title = "Resident memory during the load";
    const rounds = [...new Set(load.memoryMiB.samples.map((s) => s.round ?? "main"))];
    const series: Series[] = rounds.flatMap((name) => {
      const samples = load.memoryMiB.samples.filter((s) => (s.round ?? "main") === name);
      const points = (key: "appMiB" | "postgresMiB") =>
        samples
          .filter((s) => typeof s[key] === "number")
          .map((s, i) => [s.second ?? i * 5, s[key]!] as [number, number]);
      return [
        { name: `app, ${name} round`, points: points("appMiB") },
        { name: `PostgreSQL, ${name} round`, points: points("postgresMiB") },
      ].filter((s) => s.points.length > 0);
    });
    const m = load.memoryMiB;
    // Flat lines for the reading the growth target is measured from, and the target itself.
    const lastSecond = Math.max(...series.flatMap((s) => s.points.map((p) => p[0])));
    const flat = (value: number) =>
      [
        [0, value],
        [lastSecond, value],
      ] as [number, number][];
    series.push(
      { name: "app before the load, after GC", points: flat(m.appBefore), color: "#a0aec0", reference: true },
      {
        name: `limit: +${load.target.memoryGrowthPercent}%`,
        points: flat(round(m.appBefore * (1 + load.target.memoryGrowthPercent / 100))),
        color: FAIL_COLOR,
        reference: true,
      },
    );
    const note = `App after GC: ${m.appBefore} MiB before, ${m.appAfter} MiB after${m.appAfterSecondRound === undefined ? "" : `, ${m.appAfterSecondRound} MiB after the second round`}.`;
    charts.push({
      file: "load-memory.svg",
      title,
      svg: lineChart({ title, note, series, xLabel: "seconds into the round", yLabel: "MiB" }),
    });
  }
  if (load?.byKind) {
    const title = "Latency by kind of request under load";
    const measured = Object.entries(load.byKind).filter(([, k]) =>
      [k.p50Ms, k.p95Ms, k.p99Ms].every(Number.isFinite),
    );
    const groups = measured.map(([kind, k]) => ({
      label: `${kind} (${k.requests} requests)`,
      bars: [
        { label: "p50", value: k.p50Ms, text: `${formatNumber(k.p50Ms)} ms` },
        { label: "p95", value: k.p95Ms, text: `${formatNumber(k.p95Ms)} ms` },
        { label: "p99", value: k.p99Ms, text: `${formatNumber(k.p99Ms)} ms` },
      ],
    }));
    const note = `${load.settings.connections} connections for ${load.settings.seconds} s with ${load.settings.sockets} sockets open.`;
    charts.push({ file: "load-latency.svg", title, svg: barChart({ title, note, groups }) });
  }
  return charts;
}

// --- Markdown ------------------------------------------------------------------------------------

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown({
  machine,
  startedAt,
  finishedAt,
  runs,
  rows,
  charts,
  raw,
}: {
  machine: Machine;
  startedAt: string;
  finishedAt: string;
  runs: BenchRun[];
  rows: Row[];
  charts: Chart[];
  raw: Partial<Record<BenchName, unknown>>;
}): string {
  const { text } = verdict(rows);
  const minutes = round((Date.parse(finishedAt) - Date.parse(startedAt)) / 60_000);
  const headers = [
    "Area",
    "Figure",
    "Value",
    "Unit",
    "Baseline (same run)",
    "Ratio",
    "Target",
    "Result",
    "Note",
  ];
  const table = [
    `| ${headers.join(" | ")} |`,
    `|${headers.map((h) => (["Value", "Ratio"].includes(h) ? " ---: " : " --- ")).join("|")}|`,
    ...rows.map((r) => {
      const c = cells(r);
      const result = c.result === "FAIL" ? "**FAIL**" : c.result;
      return `| ${[c.area, c.figure, c.value, c.unit, c.baseline, c.ratio, c.target, result, c.note].map(escapeCell).join(" | ")} |`;
    }),
  ];
  const describe = (run: BenchRun) =>
    run.status === "ran"
      ? `${run.name} (${run.seconds ?? "?"} s${run.exitCode ? `, exit code ${run.exitCode}` : ""})`
      : run.status === "earlier"
        ? `${run.name} (from an earlier run${run.resultsAt ? `, ${run.resultsAt.slice(0, 16).replace("T", " ")}` : ""})`
        : `${run.name} (${run.status})`;
  const failed = rows.filter((r) => r.pass === "FAIL");
  const lines = [
    `# XiangKe benchmarks — ${startedAt.slice(0, 10)}`,
    "",
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}. ` +
      `Started ${startedAt.slice(0, 19).replace("T", " ")} UTC, took ${minutes} min.`,
    "",
    `**Verdict: ${text}.**${failed.length ? ` Missed: ${failed.map((r) => `${r.area} ${r.figure}`).join("; ")}.` : ""}`,
    "",
    `Benches: ${runs.map(describe).join(", ")}.`,
    "",
    "## Results",
    "",
    "Ratio is XiangKe ÷ baseline; a target written “(ours)” was set for this report, the others come from the issues. " +
      "A target checked outside its stated conditions can fail but is not claimed as passed (—).",
    "",
    ...table,
    "",
  ];
  const lighthouse = raw.lighthouse as LighthouseJson | undefined;
  const lagging =
    lighthouse?.pages?.filter(
      (p) =>
        p.performance < lighthouse.targets.performance || p.accessibility < lighthouse.targets.accessibility,
    ) ?? [];
  if (lagging.length > 0) {
    lines.push("### Where Lighthouse loses points", "");
    for (const page of lagging) {
      const lost = (page.costliest?.performance ?? []).map((a) => `${a.id} −${a.pointsLost}`).join(", ");
      const saves = (page.costliest?.opportunities ?? [])
        .slice(0, 4)
        .map((a) => `${a.id} ~${a.savingsMs} ms`)
        .join(", ");
      const a11y = (page.costliest?.accessibility ?? []).map((a) => `${a.id} −${a.pointsLost}`).join(", ");
      lines.push(
        `- **${page.name}** (report: results/lighthouse-${page.slug}.html): performance points lost on ${lost || "—"}; opportunities ${saves || "—"}; accessibility ${a11y || "—"}.`,
      );
    }
    lines.push("");
  }
  if (charts.length > 0) {
    lines.push("## Charts", "");
    for (const chart of charts) lines.push(`![${chart.title}](report/${chart.file})`, "");
  }
  return `${lines.join("\n")}\n`;
}
