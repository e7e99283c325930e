import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../server/embedded-postgres";

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** SIGTERM, wait for the graceful shutdown, then remove the data folder (unless keepData). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
  /** Sends `signal` to the server process only (not its embedded PostgreSQL) and waits for it to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** What the process wrote to stdout and stderr so far, when started with `captureOutput`. */
  output: () => string;
}

export interface AppProcessOptions {
  /** Reuse a data folder (restart on the same embedded database); default: a new temporary one. */
  dataDir?: string;
  /** Listen on this port (restart where clients expect it); default: a free one. */
  port?: number;
  /** Keep the process's stdout and stderr (its log) for `output()` instead of passing them through. */
  captureOutput?: boolean;
  /** How long to wait for /healthz (default 90 s; a cluster starting its workers needs more). */
  startTimeoutMs?: number;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The production server as `npm run serve` runs it: JavaScript built by `npm run build`. */
export const BUILT_SERVER = path.join(ROOT, "build", "server-node", "index.js");

/** Throws a clear error when `npm run build` has not made the built server (and its Remix build). */
export function assertBuiltServer(): void {
  for (const file of [BUILT_SERVER, path.join(ROOT, "build", "server", "index.js")])
    if (!existsSync(file))
      throw new Error(
        `No built server at ${path.relative(ROOT, file)}: run "npm run build" first ` +
          "(tests that start the production server run its built JavaScript, docs/decisions/043)",
      );
}

/**
 * Starts the production server (built JavaScript: `npm run build` must have run) as its own
 * process with a fresh embedded database in a temporary folder, and waits until /healthz answers.
 */
export async function startAppProcess(
  extraEnv: Record<string, string> = {},
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  assertBuiltServer();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "xiangke-app-"));
  const port = options.port ?? (await findFreePort());
  const child = spawn(process.execPath, [BUILT_SERVER], {
    cwd: ROOT,
    env: {
      // As `npm run serve` starts it (docs/deployment.md): glibc keeps two malloc arenas, not 16.
      MALLOC_ARENA_MAX: "2",
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      ...extraEnv,
    },
    stdio: ["ignore", options.captureOutput ? "pipe" : "inherit", options.captureOutput ? "pipe" : "inherit"],
  });
  const chunks: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the app exited during start-up (code ${child.exitCode})`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not become healthy within ${startTimeoutMs / 1000} s`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port,
    pid: child.pid!,
    dataDir,
    output: () => chunks.join(""),
    kill: async (signal) => {
      if (running()) {
        process.kill(child.pid!, signal);
        await exited;
      }
    },
    stop: async ({ keepData = false } = {}) => {
      if (running()) {
        process.kill(child.pid!, "SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
