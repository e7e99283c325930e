import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Logger } from "pino";

const require = createRequire(import.meta.url);

/** Runs `prisma <args>` with the given database; resolves with its output, rejects on failure. */
export function runPrismaCli(args: string[], databaseUrl: string, cwd = process.cwd()): Promise<string> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`));
    });
  });
}

export async function applyMigrations(databaseUrl: string, log: Logger): Promise<void> {
  const output = await runPrismaCli(["migrate", "deploy"], databaseUrl);
  const applied = output.match(/The following migration\(s\) have been applied:[\s\S]*/)?.[0];
  log.info(applied ? { applied: applied.trim() } : {}, "database schema is up to date");
}
