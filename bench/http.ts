// npm run bench:http — the server-rendered home page against a bare Express handler sending the
// same bytes, in the same run, on the same machine. Prints a table and writes bench/results/http.json.
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppProcess } from "../tests/support/app-process";
import { load, residentMemory, round } from "./lib";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const app = await startAppProcess({ LOG_LEVEL: "silent" });
try {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = residentMemory(app.pid);
  const home = await (await fetch(`${app.url}/`)).text();
  const bodyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-")), "home.html");
  writeFileSync(bodyFile, home);

  const bare = fork(path.join(import.meta.dirname, "bare-express.ts"), [bodyFile], {
    execArgv: ["--import", "tsx"],
  });
  const barePort = await new Promise<number>((resolve) =>
    bare.once("message", (message: { port: number }) => resolve(message.port)),
  );
  try {
    // Warm both up (JIT, connection pools) before measuring.
    await load(`${app.url}/`, { connections, seconds: 2 });
    await load(`http://127.0.0.1:${barePort}/`, { connections, seconds: 2 });
    const rendered = await load(`${app.url}/`, { connections, seconds });
    const baseline = await load(`http://127.0.0.1:${barePort}/`, { connections, seconds });
    const loaded = residentMemory(app.pid);

    const results = {
      machine: { cores: os.cpus().length, node: process.version },
      settings: { seconds, connections, bodyBytes: Buffer.byteLength(home) },
      homePage: rendered,
      bareExpress: baseline,
      ratio: { requestsPerSecond: round(baseline.requestsPerSecond / rendered.requestsPerSecond, 2) },
      memoryMiB: {
        appIdle: round(idle.processMiB),
        postgresIdle: round(idle.childrenMiB),
        appAfterLoad: round(loaded.processMiB),
      },
    };
    console.log(
      `\nbench:http — ${results.machine.cores} cores, ${connections} connections, ${seconds} s each, ${results.settings.bodyBytes} bytes per page\n`,
    );
    console.table({
      "home page (Remix SSR + session + DB)": {
        "req/s": round(rendered.requestsPerSecond),
        "p50 ms": rendered.p50Ms,
        "p95 ms": rendered.p95Ms,
        "p99 ms": rendered.p99Ms,
        errors: rendered.errors + rendered.non2xx,
      },
      "bare Express, same bytes": {
        "req/s": round(baseline.requestsPerSecond),
        "p50 ms": baseline.p50Ms,
        "p95 ms": baseline.p95Ms,
        "p99 ms": baseline.p99Ms,
        errors: baseline.errors + baseline.non2xx,
      },
    });
    console.log(
      `bare Express serves ${results.ratio.requestsPerSecond}× the requests per second of the rendered page`,
    );
    console.log(
      `resident memory: app ${results.memoryMiB.appIdle} MiB idle, ${results.memoryMiB.appAfterLoad} MiB after load; embedded PostgreSQL ${results.memoryMiB.postgresIdle} MiB idle`,
    );
    mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
    writeFileSync(
      path.join(import.meta.dirname, "results", "http.json"),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    bare.kill("SIGTERM");
  }
} finally {
  await app.stop();
}
