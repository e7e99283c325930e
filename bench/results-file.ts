// What every bench writes the same way: the machine it ran on and its bench/results/<name>.json,
// the file `npm run bench` (run-all.ts) builds the report from.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchName } from "./report";

export function thisMachine(): { cores: number; node: string } {
  return { cores: os.cpus().length, node: process.version };
}

export function writeResults(name: BenchName, results: unknown): void {
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
