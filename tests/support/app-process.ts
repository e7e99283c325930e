import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../server/embedded-postgres";

export interface AppProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** SIGTERM, wait for the graceful shutdown, then remove the data folder. */
  stop: () => Promise<void>;
}

/**
 * Starts the production server (`npm run build` must have run) as its own process with a fresh
 * embedded database in a temporary folder, and waits until /healthz answers.
 */
export async function startAppProcess(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-app-"));
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "error", ...extraEnv },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up (code ${child.exitCode})`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the app did not become healthy within 90 s");
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid!, "SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
