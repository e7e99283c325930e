// npm run bench — every benchmark, one after another, each as its own child process (the build is
// done once by the npm script), then ONE table of every figure against its baseline measured in
// the same run and its target (bench/report.ts). Writes bench/results.json, bench/report.md and
// its charts in bench/report/*.svg.
// BENCH_ONLY=http,search,relevance runs a subset; the others then come from their bench/results/<name>.json
// of an earlier run when there is one, marked so in the table, and are otherwise listed "not run";
// BENCH_ONLY=none only rebuilds the report from the results files already there.
// Exit code 0 when every selected bench ran, even if targets are missed (the table says FAIL);
// 1 when one crashed (a FAIL row, the others still run).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { round } from "./lib";
import {
  BENCHES,
  buildCharts,
  buildRows,
  cells,
  renderMarkdown,
  verdict,
  type BenchName,
  type BenchRun,
  type Machine,
} from "./report";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(import.meta.dirname, "results");
const resultsFile = (name: BenchName) => path.join(resultsDir, `${name}.json`);

// BENCH_ONLY=none runs nothing: the report is rebuilt from the results already there.
const only = process.env.BENCH_ONLY?.split(",")
  .map((name) => name.trim())
  .filter((name) => name && name !== "none");
const unknown = only?.filter((name) => !(BENCHES as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`BENCH_ONLY names unknown benches: ${unknown.join(", ")} (known: ${BENCHES.join(", ")})`);
  process.exit(2);
}
const selected = BENCHES.filter((name) => !only || only.includes(name));

/** Runs `tsx bench/<name>.ts` with the terminal attached; resolves with its exit code. */
function runBench(name: BenchName): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join("bench", `${name}.ts`)], {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    });
    child.on("error", (error) => {
      console.error(`bench ${name} could not start: ${error.message}`);
      resolve(null);
    });
    child.on("exit", (code, signal) => resolve(signal ? null : code));
  });
}

const modifiedAt = (file: string) => (existsSync(file) ? statSync(file).mtime : null);

const startedAt = new Date();
const runs: BenchRun[] = [];
for (const name of BENCHES) {
  if (!selected.includes(name)) {
    const at = modifiedAt(resultsFile(name));
    runs.push(at ? { name, status: "earlier", resultsAt: at.toISOString() } : { name, status: "not run" });
    continue;
  }
  console.log(`\n=== bench:${name} (${selected.indexOf(name) + 1}/${selected.length}) ===\n`);
  const began = Date.now();
  const exitCode = await runBench(name);
  const at = modifiedAt(resultsFile(name));
  // A bench "ran" when it wrote fresh results; bench:weight, for one, exits 1 on a missed budget
  // after writing them, which is a FAIL row in the table, not a crash.
  const wroteResults = at !== null && at.getTime() >= began;
  runs.push({
    name,
    status: wroteResults ? "ran" : "crashed",
    exitCode,
    seconds: round((Date.now() - began) / 1000, 0),
    resultsAt: at?.toISOString(),
  });
}
const finishedAt = new Date();

const raw: Partial<Record<BenchName, unknown>> = {};
for (const run of runs) {
  if (run.status !== "ran" && run.status !== "earlier") continue;
  try {
    raw[run.name] = JSON.parse(readFileSync(resultsFile(run.name), "utf8"));
  } catch (error) {
    // Unparseable results are a FAIL row of their own (rowsFor), not a crash of the report.
    raw[run.name] = { unreadable: error instanceof Error ? error.message : String(error) };
  }
}

const rows = buildRows(raw, runs);
const charts = buildCharts(rows, raw);
const machine: Machine = {
  cores: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
  node: process.version,
};

console.log(
  `\nnpm run bench — ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; ratio = XiangKe ÷ baseline\n`,
);
// Value and unit in one column, so the table fits a terminal a little better.
console.table(
  rows.map(cells).map(({ area, figure, value, unit, ...rest }) => ({
    area,
    figure,
    value: `${value} ${unit}`.trim(),
    ...rest,
  })),
);
const { text } = verdict(rows);
const crashed = runs.filter((run) => run.status === "crashed").map((run) => run.name);
console.log(`verdict: ${text}${crashed.length ? `; crashed: ${crashed.join(", ")}` : ""}`);

writeFileSync(
  path.join(import.meta.dirname, "results.json"),
  `${JSON.stringify({ machine, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), runs, rows, raw }, null, 2)}\n`,
);
mkdirSync(path.join(import.meta.dirname, "report"), { recursive: true });
for (const chart of charts) writeFileSync(path.join(import.meta.dirname, "report", chart.file), chart.svg);
writeFileSync(
  path.join(import.meta.dirname, "report.md"),
  renderMarkdown({
    machine,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    runs,
    rows,
    charts,
    raw,
  }),
);
console.log("wrote bench/results.json, bench/report.md and bench/report/*.svg");
process.exitCode = crashed.length > 0 ? 1 : 0;
