import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { logIn } from "~/modules/users/auth.server";
import { destroySession, serializeSessionCookie } from "~/modules/users/session.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { TEST_PASSWORD, createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";
import { useSocketServer } from "../support/socket-server";

useTestDatabase();

const sockets = useSocketServer();
const open = (headers: Record<string, string>) => sockets.open(headers);

function refusal(client: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    client.on("connect", () => reject(new Error("the connection was accepted")));
    client.on("connect_error", (error) => resolve(error.message));
  });
}

async function loggedInCookie(): Promise<{ cookie: string; userId: string; sessionId: string }> {
  const user = await createUser();
  const { sessionId } = await logIn(LoginSchema.parse({ identifier: user.phone, password: TEST_PASSWORD }), {
    ip: "10.2.0.1",
  });
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
    const connectedBefore = sockets.io.sockets.sockets.size;
    const message = await refusal(open({ cookie, origin: "https://evil.example" }));
    expect(message).not.toBe("");
    expect(sockets.io.sockets.sockets.size).toBe(connectedBefore);
  });
});
