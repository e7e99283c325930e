// npm run bench:lighthouse — Lighthouse 12.2.3 mobile scores (the defaults: Moto G Power-sized
// screen, simulated slow 4G and 4× CPU slowdown) for the home page, the needs list and one need
// page of the production build with demo data, against the targets: performance ≥ 90,
// accessibility ≥ 95. Each page runs LH_RUNS times (default 3) in a fresh headless Chromium; the
// run with the median performance score is kept. Prints a table, writes
// bench/results/lighthouse.json and each page's median report as bench/results/lighthouse-<page>.html.
// Exits non-zero only when something crashes, not on a missed target (bench/run-all.ts judges).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { startAppProcess } from "../tests/support/app-process";
import { round } from "./lib";

const RUNS = Number(process.env.LH_RUNS ?? 3);
const RETRIES = 2;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const TARGETS = { performance: 90, accessibility: 95 };
const CATEGORIES = ["performance", "accessibility"] as const;

interface CostlyAudit {
  id: string;
  title: string;
  /** Category points this audit costs (weight × (1 − score), scaled to 0–100). */
  pointsLost?: number;
  /** Estimated savings the audit reports, for performance opportunities. */
  savingsMs?: number;
  displayValue?: string;
}

/** The score points each weighted audit of a category loses, biggest first. */
function pointsLost(lhr: Result, category: "performance" | "accessibility"): CostlyAudit[] {
  const refs = lhr.categories[category].auditRefs.filter((ref) => ref.weight > 0);
  const totalWeight = refs.reduce((sum, ref) => sum + ref.weight, 0);
  return refs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .map(({ ref, audit }) => ({
      id: ref.id,
      title: audit.title,
      pointsLost: round(((1 - (audit.score ?? 0)) * ref.weight * 100) / totalWeight, 1),
      displayValue: audit.displayValue,
    }))
    .sort((a, b) => b.pointsLost - a.pointsLost);
}

/** Performance opportunities and diagnostics (weight 0) by the time they say they would save. */
function opportunities(lhr: Result): CostlyAudit[] {
  const ids = lhr.categories.performance.auditRefs.filter((ref) => ref.weight === 0).map((ref) => ref.id);
  return ids
    .map((id) => lhr.audits[id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => {
      const details = audit.details as { overallSavingsMs?: number } | undefined;
      const metricSavings = audit.metricSavings ?? {};
      const savingsMs = Math.max(
        details?.overallSavingsMs ?? 0,
        metricSavings.LCP ?? 0,
        metricSavings.FCP ?? 0,
        metricSavings.TBT ?? 0,
      );
      return {
        id: audit.id,
        title: audit.title,
        savingsMs: round(savingsMs, 0),
        displayValue: audit.displayValue,
      };
    })
    .filter((audit) => audit.savingsMs > 0)
    .sort((a, b) => b.savingsMs - a.savingsMs)
    .slice(0, 6);
}

/** Bytes over the wire from the report's own network requests: everything, and scripts only. */
function transferred(lhr: Result): { totalKb: number; scriptKb: number; requests: number } {
  const items =
    (
      lhr.audits["network-requests"]?.details as {
        items?: { transferSize?: number; resourceType?: string }[];
      }
    )?.items ?? [];
  const sum = (list: typeof items) => list.reduce((total, item) => total + (item.transferSize ?? 0), 0);
  return {
    totalKb: round(sum(items) / 1024, 1),
    scriptKb: round(sum(items.filter((item) => item.resourceType === "Script")) / 1024, 1),
    requests: items.length,
  };
}

/** A run Lighthouse itself could not complete (lhr.runtimeError, e.g. NO_NAVSTART); worth another try. */
class LighthouseRunError extends Error {}

async function auditOnce(url: string): Promise<{ lhr: Result; html: string }> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ["--headless=new", "--no-sandbox"],
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "html",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError)
      throw new LighthouseRunError(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.code}`);
    return { lhr: result.lhr, html: String(result.report) };
  } finally {
    chrome.kill();
  }
}

let retries = 0;
/** Lighthouse asks to be "run again" when a trace goes wrong on a busy machine: up to RETRIES times per run. */
async function audit(url: string): Promise<{ lhr: Result; html: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await auditOnce(url);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt >= RETRIES) throw error;
      retries += 1;
      console.log(`${error.message} — running it again`);
    }
  }
}

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

// chrome-launcher does not catch a failed spawn: it would end this process with the app still running.
if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH} (set CHROME_PATH)`);

const app = await startAppProcess({ LOG_LEVEL: "silent" });
// Whatever escapes the try/finally below (an error event nobody listens to) must not leave the app running.
process.once("uncaughtException", (error) => {
  console.error(error);
  void app.stop().finally(() => process.exit(1));
});
try {
  const needsHtml = await (await fetch(`${app.url}/needs`)).text();
  const needPath = needsHtml.match(/href="(\/needs\/[a-z0-9]{20,})"/)?.[1];
  if (!needPath) throw new Error("no need page link found on /needs (is the demo data seeded?)");
  const pages = [
    { slug: "home", name: "home", path: "/" },
    { slug: "needs", name: "needs list", path: "/needs" },
    { slug: "need", name: "need page", path: needPath },
  ];

  const outDir = path.join(import.meta.dirname, "results");
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const page of pages) {
    const runs: { lhr: Result; html: string }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      process.stdout.write(`lighthouse: ${page.name} run ${run}/${RUNS}…\n`);
      runs.push(await audit(`${app.url}${page.path}`));
    }
    // The median by performance score, as Lighthouse's own guidance suggests for noisy runs.
    runs.sort((a, b) => score(a.lhr, "performance") - score(b.lhr, "performance"));
    const median = runs[Math.floor((runs.length - 1) / 2)];
    const { lhr } = median;
    writeFileSync(path.join(outDir, `lighthouse-${page.slug}.html`), median.html);
    const performance = score(lhr, "performance");
    const accessibility = score(lhr, "accessibility");
    results.push({
      slug: page.slug,
      name: page.name,
      path: page.path,
      performance,
      accessibility,
      performanceRuns: runs.map((run) => score(run.lhr, "performance")),
      fcpMs: round(numeric(lhr, "first-contentful-paint"), 0),
      lcpMs: round(numeric(lhr, "largest-contentful-paint"), 0),
      tbtMs: round(numeric(lhr, "total-blocking-time"), 0),
      cls: round(numeric(lhr, "cumulative-layout-shift"), 3),
      speedIndexMs: round(numeric(lhr, "speed-index"), 0),
      ...transferred(lhr),
      // Only worth reading when a score misses its target, but cheap to keep.
      costliest: {
        performance: pointsLost(lhr, "performance").slice(0, 5),
        opportunities: opportunities(lhr),
        accessibility: pointsLost(lhr, "accessibility").slice(0, 5),
      },
      report: `lighthouse-${page.slug}.html`,
      environment: {
        benchmarkIndex: lhr.environment.benchmarkIndex,
        userAgent: lhr.environment.hostUserAgent,
      },
      lighthouseVersion: lhr.lighthouseVersion,
    });
  }

  const machine = {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
  };
  console.log(
    `\nbench:lighthouse — mobile defaults, median of ${RUNS} run(s) per page (${machine.cores} cores, Node ${machine.node})\n`,
  );
  console.table(
    Object.fromEntries(
      results.map((page) => [
        page.name,
        {
          perf: page.performance,
          a11y: page.accessibility,
          "FCP ms": page.fcpMs,
          "LCP ms": page.lcpMs,
          "TBT ms": page.tbtMs,
          CLS: page.cls,
          "SI ms": page.speedIndexMs,
          "total kB": page.totalKb,
          "JS kB": page.scriptKb,
          pass:
            page.performance >= TARGETS.performance && page.accessibility >= TARGETS.accessibility
              ? "pass"
              : "FAIL",
        },
      ]),
    ),
  );
  for (const page of results) {
    if (page.performance < TARGETS.performance) {
      const worst = page.costliest.performance.map((a) => `${a.id} −${a.pointsLost}`).join(", ");
      const why = page.costliest.opportunities
        .slice(0, 3)
        .map((a) => `${a.id} ~${a.savingsMs} ms`)
        .join(", ");
      console.log(
        `${page.name}: performance ${page.performance} < ${TARGETS.performance} — lost on ${worst}; opportunities: ${why || "none listed"}`,
      );
    }
    if (page.accessibility < TARGETS.accessibility) {
      console.log(
        `${page.name}: accessibility ${page.accessibility} < ${TARGETS.accessibility} — ${page.costliest.accessibility.map((a) => `${a.id} −${a.pointsLost}`).join(", ")}`,
      );
    }
  }
  const output = {
    machine,
    settings: {
      runs: RUNS,
      retries,
      formFactor: "mobile",
      throttling: "simulated (Lighthouse defaults)",
      chrome: CHROME_PATH,
    },
    lighthouseVersion: results[0]?.lighthouseVersion,
    targets: TARGETS,
    pages: results,
  };
  writeFileSync(path.join(outDir, "lighthouse.json"), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`reports: ${results.map((page) => `bench/results/${page.report}`).join(", ")}`);
} finally {
  await app.stop();
}
