import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Runs autocannon against one URL and computes percentiles from every response time. */
export async function load(url: string, { connections = 10, seconds = 10 } = {}): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, outcome) =>
      error ? reject(error) : resolve(outcome),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
  } catch {
    return -1;
  }
}

/** Every process started, directly or not, by `pid` (e.g. the embedded PostgreSQL's). */
export function descendantsOf(pid: number): number[] {
  const pids = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const descendants = new Set<number>([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const candidate of pids) {
      if (!descendants.has(candidate) && descendants.has(parentOf(candidate))) {
        descendants.add(candidate);
        grew = true;
      }
    }
  }
  descendants.delete(pid);
  return [...descendants];
}

/**
 * The processes of a started app: `app` the Node processes (the server, or a cluster's primary and
 * its workers), `postgres` the embedded database's. Read afresh each time: a worker that died is
 * replaced under a new pid.
 */
export function appProcessTree(pid: number): { app: number[]; postgres: number[] } {
  const comm = (child: number) => {
    try {
      return readFileSync(`/proc/${child}/comm`, "utf8").trim();
    } catch {
      return "";
    }
  };
  const descendants = descendantsOf(pid);
  return {
    app: [pid, ...descendants.filter((child) => comm(child) === "node")],
    postgres: descendants.filter((child) => comm(child) === "postgres"),
  };
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Resident memory in MiB of a process and, separately, of all its descendants (PostgreSQL). */
export function residentMemory(pid: number): { processMiB: number; childrenMiB: number } {
  const children = descendantsOf(pid).reduce((sum, child) => sum + rssKb(child), 0);
  return { processMiB: rssKb(pid) / 1024, childrenMiB: children / 1024 };
}

/** Resident memory in MiB of an app's Node processes together, and of its PostgreSQL (appProcessTree). */
export function appMemory(pid: number): { appMiB: number; postgresMiB: number } {
  const tree = appProcessTree(pid);
  const sum = (pids: number[]) => pids.reduce((total, child) => total + rssKb(child), 0) / 1024;
  return { appMiB: sum(tree.app), postgresMiB: sum(tree.postgres) };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** BENCH_CPU_PROF=<folder>: a measured server writes a V8 CPU profile there (bench/app-probe.mjs). */
export const PROFILE_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
/** Node flags that load bench/app-probe.mjs into a measured server (forced GC, CPU profile). */
export const PROBE = ["--expose-gc", "--import", path.join(import.meta.dirname, "app-probe.mjs")];

/**
 * Environment for startAppProcess that loads the probe: through NODE_OPTIONS because
 * startAppProcess runs node itself (the app's `prisma migrate` child gets the probe too, where it
 * only adds signal handlers); with the profile folder when BENCH_CPU_PROF is set.
 */
export function probedAppEnv(): Record<string, string> {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  return {
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", ...PROBE].join(" ").trim(),
    ...(PROFILE_DIR ? { BENCH_CPU_PROF: PROFILE_DIR } : {}),
  };
}

/**
 * Resident memory holding live objects, in KiB: the lowest RSS over `seconds` of quiet, with a
 * full garbage collection in the probed server every 5 s. One collection is not enough: V8
 * shrinks the young generation it grew under load only ~8 s after a collection, and the freed
 * pages leave RSS some seconds later still (measured on the idle app: 278 → 270 → 235 MiB over
 * ~15 s, then steady). A single reading after one collection swung by ±40 KiB a connection.
 */
export function lowestRssKb(pid: number, seconds = 30): Promise<number> {
  return lowestSumRssKb(() => [pid], seconds);
}

/** lowestRssKb of several processes together (a cluster's primary and workers): the lowest sum. */
export async function lowestSumRssKb(pids: () => number[], seconds = 30): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  for (let second = 0; second < seconds; second += 1) {
    if (second % 5 === 0) for (const pid of pids()) process.kill(pid, "SIGWINCH");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    lowest = Math.min(
      lowest,
      pids().reduce((sum, pid) => sum + rssKb(pid), 0),
    );
  }
  return lowest;
}

export interface LiveMemory {
  /** The lowest resident memory over the quiet period, KiB. */
  rssKiB: number;
  /** V8's heap in use right after a full collection (the lowest such reading), KiB; null without a report. */
  heapUsedKiB: number | null;
  /** Memory of C++ objects bound to JavaScript ones (buffers, sockets' native parts) after it, KiB. */
  externalKiB: number | null;
}

/**
 * Live memory of a probed process (bench/app-probe.mjs started with BENCH_MEMORY_FILE=`file`):
 * the lowest RSS over `seconds` of quiet with a full GC every 5 s, as lowestRssKb, and the heap
 * the process reported right after each of those collections. The heap after a full GC holds
 * live objects only, so it is far steadier than RSS, which V8 and the allocator give back late.
 */
export async function liveMemory(pid: number, file: string, seconds = 30): Promise<LiveMemory> {
  let rssKiB = Number.POSITIVE_INFINITY;
  let heapUsedKiB: number | null = null;
  let externalKiB: number | null = null;
  for (let second = 0; second < seconds; second += 1) {
    const signalled = Date.now();
    if (second % 5 === 0) process.kill(pid, "SIGWINCH");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rssKiB = Math.min(rssKiB, rssKb(pid));
    if (second % 5 !== 0 || !existsSync(file)) continue;
    try {
      const report = JSON.parse(readFileSync(file, "utf8")) as {
        pid: number;
        at: number;
        heapUsed: number;
        external: number;
      };
      if (report.pid !== pid || report.at < signalled) continue;
      const heap = report.heapUsed / 1024;
      if (heapUsedKiB === null || heap < heapUsedKiB) {
        heapUsedKiB = Math.round(heap);
        externalKiB = Math.round(report.external / 1024);
      }
    } catch {
      // half-written: the next collection's report will do
    }
  }
  return { rssKiB, heapUsedKiB, externalKiB };
}
