// npm run bench:http — server rendering, against two baselines in the same run on the same machine:
// - the equal-work baseline of issue 25 (bench/render-baseline.ts): a bare Express handler that
//   renders the app's own React tree for the home page and the needs list from the data the app's
//   loaders returned, captured once — no Remix request handler, no session, no database. Target:
//   the app ≥ 0.5× its requests per second at 10 connections;
// - a bare Express handler sending the home page's bytes (bench/bare-express.ts): the transport's
//   ceiling, for the p95 figure.
// Also the app's idle resident memory with the demo data (issue 25: ≤ 200 MiB). Prints tables and
// writes bench/results/http.json. BENCH_SECONDS (10) and BENCH_CONNECTIONS (10) shorten a run.
import { fork } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppProcess } from "../tests/support/app-process";
import { load, lowestRssKb, probedAppEnv, residentMemory, round, type LoadResult } from "./lib";
import { thisMachine, writeResults } from "./results-file";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** How long the app idles after start-up before its memory is read. */
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
/** The pages of the rendering target, by the name the report gives them. */
const PAGES = { home: "/", "needs list": "/needs" } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forks a bench helper with tsx, production React, and waits for the port it sends. */
async function helper(file: string, args: string[]) {
  const child = fork(path.join(import.meta.dirname, file), args, {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve(message.port));
    child.once("exit", (code) => reject(new Error(`${file} exited during start-up (code ${code})`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

const app = await startAppProcess({ LOG_LEVEL: "silent", ...probedAppEnv() });
const children: ReturnType<typeof fork>[] = [];
try {
  // Idle: the demo data seeded, nothing asked. The plain reading (what the process holds), and the
  // lowest over a quiet period with forced GC (what its live objects need).
  await sleep(idleSeconds * 1000);
  const idle = residentMemory(app.pid);
  const idleAfterGcMiB = round((await lowestRssKb(app.pid, 15)) / 1024);

  const html = Object.fromEntries(
    await Promise.all(
      Object.entries(PAGES).map(async ([name, pathname]) => {
        const response = await fetch(`${app.url}${pathname}`);
        if (!response.ok) throw new Error(`the app answered ${response.status} for ${pathname}`);
        return [name, await response.text()] as const;
      }),
    ),
  ) as Record<keyof typeof PAGES, string>;
  const bodyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-")), "home.html");
  writeFileSync(bodyFile, html.home);

  const bare = await helper("bare-express.ts", [bodyFile]);
  children.push(bare.child);
  const rendering = await helper("render-baseline.ts", [app.url, ...Object.values(PAGES)]);
  children.push(rendering.child);

  // The baseline must produce the same page: its HTML, byte for byte, differs only in the
  // nonce, the form seed and the like — a large difference would mean it rendered something else.
  const equalWork: Record<
    string,
    { path: string; app: LoadResult; baseline: LoadResult; htmlBytes: { app: number; baseline: number } }
  > = {};
  const baselineHtml: Record<string, string> = {};
  for (const [name, pathname] of Object.entries(PAGES)) {
    const response = await fetch(`${rendering.url}${pathname}`);
    if (!response.ok) throw new Error(`the equal-work baseline answered ${response.status} for ${pathname}`);
    baselineHtml[name] = await response.text();
  }

  // Warm both up (JIT, connection pools) before measuring.
  await load(`${app.url}/`, { connections, seconds: 2 });
  await load(`${bare.url}/`, { connections, seconds: 2 });
  const rendered = await load(`${app.url}/`, { connections, seconds });
  const baseline = await load(`${bare.url}/`, { connections, seconds });

  for (const [name, pathname] of Object.entries(PAGES)) {
    await load(`${app.url}${pathname}`, { connections, seconds: 2 });
    await load(`${rendering.url}${pathname}`, { connections, seconds: 2 });
    const ours = await load(`${app.url}${pathname}`, { connections, seconds });
    const theirs = await load(`${rendering.url}${pathname}`, { connections, seconds });
    equalWork[name] = {
      path: pathname,
      app: ours,
      baseline: theirs,
      htmlBytes: {
        app: Buffer.byteLength(html[name as keyof typeof PAGES]),
        baseline: Buffer.byteLength(baselineHtml[name]),
      },
    };
  }
  const loaded = residentMemory(app.pid);

  const results = {
    machine: thisMachine(),
    settings: { seconds, connections, bodyBytes: Buffer.byteLength(html.home), idleSeconds },
    homePage: rendered,
    bareExpress: baseline,
    ratio: { requestsPerSecond: round(baseline.requestsPerSecond / rendered.requestsPerSecond, 2) },
    equalWork,
    memoryMiB: {
      appIdle: round(idle.processMiB),
      appIdleAfterGc: idleAfterGcMiB,
      postgresIdle: round(idle.childrenMiB),
      appAfterLoad: round(loaded.processMiB),
    },
  };
  console.log(
    `\nbench:http — ${results.machine.cores} cores, ${connections} connections, ${seconds} s each, ${results.settings.bodyBytes} bytes per home page\n`,
  );
  const line = (r: LoadResult) => ({
    "req/s": round(r.requestsPerSecond),
    "p50 ms": r.p50Ms,
    "p95 ms": r.p95Ms,
    "p99 ms": r.p99Ms,
    errors: r.errors + r.non2xx,
  });
  const table: Record<string, ReturnType<typeof line> & { "HTML bytes"?: number }> = {
    "home page (Remix SSR + session + DB)": line(rendered),
    "bare Express, same bytes": line(baseline),
  };
  for (const [name, figures] of Object.entries(equalWork)) {
    table[`${name} — app`] = { ...line(figures.app), "HTML bytes": figures.htmlBytes.app };
    table[`${name} — equal-work render`] = {
      ...line(figures.baseline),
      "HTML bytes": figures.htmlBytes.baseline,
    };
  }
  console.table(table);
  for (const [name, figures] of Object.entries(equalWork)) {
    const ratio = round(figures.app.requestsPerSecond / figures.baseline.requestsPerSecond, 2);
    console.log(
      `${name} (${figures.path}): HTML ${figures.htmlBytes.app} bytes from the app, ${figures.htmlBytes.baseline} from the equal-work baseline; ` +
        `app ÷ baseline = ${ratio}× req/s (target ≥ 0.5×)`,
    );
  }
  console.log(
    `resident memory: app ${results.memoryMiB.appIdle} MiB idle (${results.memoryMiB.appIdleAfterGc} MiB after forced GC; target ≤ 200 MiB), ` +
      `${results.memoryMiB.appAfterLoad} MiB after load; embedded PostgreSQL ${results.memoryMiB.postgresIdle} MiB idle`,
  );
  // Start-up (issue 25: under 3 s after the build, the database's start, migrations and seeding
  // aside): the built server restarted three times on the same data, as the server logs it.
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await app.stop({ keepData: true });
  const readyMs: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const restarted = await startAppProcess(
      { LOG_LEVEL: "info" },
      { dataDir: app.dataDir, captureOutput: true },
    );
    await restarted.stop({ keepData: true });
    const ready = /"readyMs":(\d+)/.exec(restarted.output());
    if (!ready) throw new Error('the server did not log its start-up time ("readyMs")');
    readyMs.push(Number(ready[1]));
  }
  const startup = { readyMs, medianMs: [...readyMs].sort((a, b) => a - b)[1]! };
  console.log(
    `start-up of the built server, to listening (database, migrations and seeding aside): ${readyMs.join(", ")} ms; median ${startup.medianMs} ms (target < 3000 ms)`,
  );
  writeResults("http", { ...results, startup });
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await app.stop();
}
