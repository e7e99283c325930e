import { createAdapter as createPostgresAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Logger } from "pino";
import type { ServerOptions } from "socket.io";

export type SocketAdapterKind = "memory" | "postgres" | "redis";

export interface SocketAdapter {
  kind: SocketAdapterKind;
  adapter?: ServerOptions["adapter"];
  close: () => Promise<void>;
}

/**
 * How several app instances share Socket.IO rooms (docs/decisions/009):
 * - REDIS_URL set → Redis streams (also replays missed packets after a short disconnect);
 * - a shared PostgreSQL (DATABASE_URL set) → the PostgreSQL adapter, LISTEN/NOTIFY, no new service;
 * - the embedded PostgreSQL → one instance by construction, the in-memory adapter.
 * SOCKET_ADAPTER overrides the choice.
 */
export function chooseSocketAdapter(env: {
  SOCKET_ADAPTER?: SocketAdapterKind;
  REDIS_URL?: string;
  DATABASE_URL?: string;
}): SocketAdapterKind {
  if (env.SOCKET_ADAPTER) return env.SOCKET_ADAPTER;
  if (env.REDIS_URL) return "redis";
  if (env.DATABASE_URL) return "postgres";
  return "memory";
}

export async function createSocketAdapter(
  kind: SocketAdapterKind,
  urls: { databaseUrl: string; redisUrl?: string },
  log: Logger,
): Promise<SocketAdapter> {
  if (kind === "redis") {
    if (!urls.redisUrl) throw new Error("SOCKET_ADAPTER=redis needs REDIS_URL");
    // Loaded only when Redis is used: the client and its adapter take ~25 MiB of a process
    // (docs/decisions/043).
    const [{ createClient }, { createAdapter: createRedisStreamsAdapter }] = await Promise.all([
      import("redis"),
      import("@socket.io/redis-streams-adapter"),
    ]);
    const client = createClient({ url: urls.redisUrl });
    client.on("error", (error: unknown) => log.error({ err: error }, "redis (socket adapter) error"));
    await client.connect();
    return {
      kind,
      adapter: createRedisStreamsAdapter(client) as ServerOptions["adapter"],
      close: async () => void (await client.quit()),
    };
  }
  if (kind === "postgres") {
    const pool = new pg.Pool({ connectionString: urls.databaseUrl, max: 4 });
    pool.on("error", (error) => log.error({ err: error }, "postgres (socket adapter) error"));
    // The adapter keeps one client checked out for LISTEN without an "error" listener: when the
    // database stops, that client's error would be unhandled and crash the process. Listen on
    // every client; the adapter reconnects on the client's "end".
    pool.on("connect", (client) =>
      client.on("error", (error) => log.warn({ err: error }, "postgres (socket adapter) connection lost")),
    );
    await createAttachmentsTable(pool);
    return {
      kind,
      adapter: createPostgresAdapter(pool, {
        errorHandler: (error) => log.error({ err: error }, "socket adapter error"),
      }) as ServerOptions["adapter"],
      close: () => pool.end(),
    };
  }
  return { kind, close: async () => undefined };
}

/**
 * The PostgreSQL adapter's table. Two instances starting at once would race in CREATE TABLE IF NOT
 * EXISTS (one fails on a unique index of the catalogue), so the creation runs under an advisory lock.
 */
async function createAttachmentsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('socket_io_attachments'))");
    await client.query(
      `CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
