import { randomBytes } from "node:crypto";
import cluster from "node:cluster";
import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { AppSocketServer } from "./socket";

/*
 * The worker's half of WEB_CONCURRENCY (server/cluster.ts, docs/decisions/042). The primary owns the
 * port; it reads the start of each new connection, picks a worker and sends it the connection with
 * the bytes it read. Socket.IO sessions are sticky because a worker's session ids name the worker:
 * the primary sends every request carrying `sid=w<id>-…` to worker <id>, so HTTP long-polling (a
 * handshake, then a request per message) stays with the process that holds the session.
 */

/** The message that carries a connection from the primary. */
export const CONNECTION_MESSAGE = "xiangke:connection";

export interface ConnectionMessage {
  type: typeof CONNECTION_MESSAGE;
  /** What the primary read of the connection before choosing, base64 (bodies may be binary). */
  head: string;
}

/** The worker a Socket.IO session id belongs to, from a request's first bytes (undefined: none). */
export function workerOfSession(text: string): number | undefined {
  const match = /[?&]sid=w(\d+)-/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function isClusterWorker(): boolean {
  return cluster.isWorker && Boolean(cluster.worker);
}

/**
 * Serves the connections the primary hands over on `http` (which listens on no port itself), and
 * names this worker in every Socket.IO session id. A request for another worker's session can only
 * arrive on a kept-alive connection first routed for something else (a browser reuses connections):
 * Engine.IO answers it "session unknown", the client opens a new session, and this connection is
 * closed after that answer so the next one is routed afresh.
 */
export function acceptConnectionsFromPrimary(http: Server, io: AppSocketServer): void {
  const worker = cluster.worker;
  if (!worker) throw new Error("acceptConnectionsFromPrimary runs in a node:cluster worker only");
  const id = worker.id;
  io.engine.generateId = () => `w${id}-${randomBytes(15).toString("base64url")}`;
  http.prependListener("request", (req, res) => {
    const owner = workerOfSession(req.url ?? "");
    if (owner !== undefined && owner !== id) res.shouldKeepAlive = false;
  });
  process.on("message", (message: ConnectionMessage, connection?: Socket) => {
    if (message?.type !== CONNECTION_MESSAGE || !connection) return;
    http.emit("connection", connection);
    connection.unshift(Buffer.from(message.head, "base64"));
    connection.resume();
  });
  process.send?.({ type: "xiangke:ready" });
}
