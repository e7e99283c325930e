import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn } from "~/modules/users/auth.server";
import { destroySession, serializeSessionCookie } from "~/modules/users/session.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { attachSocketServer, type AppSocketServer } from "../../server/socket";
import { TEST_PASSWORD, createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";

useTestDatabase();

let http: Server;
let io: AppSocketServer;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  io = attachSocketServer(http, pino({ level: "silent" }));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://localhost:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

function open(headers: Record<string, string>): Socket {
  const client = connect(url, { transports: ["websocket"], extraHeaders: headers, reconnection: false });
  clients.push(client);
  return client;
}

function refusal(client: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    client.on("connect", () => reject(new Error("the connection was accepted")));
    client.on("connect_error", (error) => resolve(error.message));
  });
}

async function loggedInCookie(): Promise<{ cookie: string; userId: string; sessionId: string }> {
  const user = await createUser();
  const { sessionId } = await logIn(LoginSchema.parse({ identifier: user.phone, password: TEST_PASSWORD }), { ip: "10.2.0.1" });
  return { cookie: await serializeSessionCookie(sessionId), userId: user.id, sessionId };
}

describe("Socket.IO authentication", () => {
  it("accepts a connection that carries a valid session cookie", async () => {
    const { cookie, userId } = await loggedInCookie();
    const client = open({ cookie });
    const ready = await new Promise<{ userId: string }>((resolve, reject) => {
      client.on("session:ready", resolve);
      client.on("connect_error", reject);
    });
    expect(ready.userId).toBe(userId);
    expect(client.connected).toBe(true);
  });

  it("refuses a connection without a session", async () => {
    expect(await refusal(open({}))).toBe("unauthorized");
  });

  it("refuses a session id that was not signed by the server", async () => {
    const { sessionId } = await loggedInCookie();
    const forged = `xk_session=${encodeURIComponent(Buffer.from(JSON.stringify(sessionId)).toString("base64"))}`;
    expect(await refusal(open({ cookie: forged }))).toBe("unauthorized");
  });

  it("refuses a session that has logged out", async () => {
    const { cookie, sessionId } = await loggedInCookie();
    await destroySession(sessionId);
    expect(await refusal(open({ cookie }))).toBe("unauthorized");
  });

  it("refuses a connection opened from another site", async () => {
    const { cookie } = await loggedInCookie();
    const connectedBefore = io.sockets.sockets.size;
    const message = await refusal(open({ cookie, origin: "https://evil.example" }));
    expect(message).not.toBe("");
    expect(io.sockets.sockets.size).toBe(connectedBefore);
  });
});
