import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { attachSocketServer, type AppSocketServer } from "../../server/socket";

/**
 * The app's real Socket.IO layer on a real HTTP server on a free port, for the calling test
 * file; every client it opens is closed and the server stopped after the file's tests.
 */
export function useSocketServer() {
  const state = { io: undefined as unknown as AppSocketServer, url: "" };
  const clients: Socket[] = [];

  beforeAll(async () => {
    const http = createServer();
    state.io = attachSocketServer(http, pino({ level: "silent" }));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    state.url = `http://localhost:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await new Promise<void>((resolve) => state.io.close(() => resolve()));
  });

  return {
    get io() {
      return state.io;
    },
    get url() {
      return state.url;
    },
    open(headers: Record<string, string>): Socket {
      const client = connect(state.url, {
        transports: ["websocket"],
        extraHeaders: headers,
        reconnection: false,
      });
      clients.push(client);
      return client;
    },
  };
}
