import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  countUnread,
  createNotifications,
  deliverNotifications,
  listNotifications,
  markAllRead,
  markRead,
  toView,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { onUserEvent, type UserEvent } from "~/modules/realtime/bus.server";
import type { NotificationView } from "~/modules/realtime/events";
import { logIn } from "~/modules/users/auth.server";
import { serializeSessionCookie } from "~/modules/users/session.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { action, loader } from "~/routes/site/notifications";
import { DomainError } from "~/utils/errors";
import { useSocketServer } from "../support/socket-server";
import { TEST_PASSWORD, createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.3.0.1" };

async function notify(items: NewNotification[]) {
  return db.$transaction((tx) => createNotifications(tx, items));
}

function applied(userId: string, need = "香菇菌棒污染防治", href = "/needs/n1"): NewNotification {
  return { userId, type: "application.received", params: { expert: "张明", need }, href };
}

/** A raw row, for dates and payloads that the typed helper would not write. */
function insertRow(userId: string, type: string, payload: unknown, createdAt = new Date()) {
  return db.notification.create({
    data: { userId, type, payload: payload as never, createdAt },
    select: { id: true, userId: true, type: true, payload: true, createdAt: true, readAt: true },
  });
}

/** Every bus event published while the test runs. */
const published: UserEvent[] = [];
let stopListening: () => void;
beforeAll(() => {
  stopListening = onUserEvent((event) => published.push(event));
});
afterEach(() => {
  published.length = 0;
});
afterAll(() => stopListening());

describe("listNotifications", () => {
  it("pages through the user's notifications newest first, and only theirs", async () => {
    const user = await createUser();
    const other = await createUser();
    const start = Date.UTC(2026, 2, 1, 8);
    for (let i = 0; i < 5; i++)
      await insertRow(
        user.id,
        "application.accepted",
        { params: { need: `需求${i}` } },
        new Date(start + i * 60_000),
      );
    await insertRow(other.id, "application.accepted", { params: { need: "别人的" } });

    const first = await listNotifications(user.id, { limit: 2 });
    expect(first.notifications.map((n) => n.params.need)).toEqual(["需求4", "需求3"]);
    const second = await listNotifications(user.id, { cursor: first.nextCursor, limit: 2 });
    expect(second.notifications.map((n) => n.params.need)).toEqual(["需求2", "需求1"]);
    const last = await listNotifications(user.id, { cursor: second.nextCursor, limit: 2 });
    expect(last.notifications.map((n) => n.params.need)).toEqual(["需求0"]);
    expect(last.nextCursor).toBeNull();
  });

  it("loses no notification when several share the same millisecond", async () => {
    const user = await createUser();
    const sameTime = new Date(Date.UTC(2026, 2, 2));
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++)
      ids.add((await insertRow(user.id, "application.accepted", { params: { need: "同时" } }, sameTime)).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications(user.id, {
        cursor,
        limit: 1,
      });
      seen.push(...page.notifications.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(ids);
  });

  it("starts from the newest when the cursor was tampered with", async () => {
    const user = await createUser();
    await notify([applied(user.id)]);
    for (const cursor of ["nonsense", "99999999999999999_x", "1_'; DROP TABLE"]) {
      expect((await listNotifications(user.id, { cursor, limit: 10 })).notifications).toHaveLength(1);
    }
  });

  it("shows a malformed row as a generic notification instead of failing", async () => {
    const user = await createUser();
    await insertRow(
      user.id,
      "application.received",
      { params: { need: "缺少专家名" }, href: "/needs/1" },
      new Date(Date.UTC(2026, 0, 1)),
    );
    await insertRow(user.id, "no.such.type", { params: {} }, new Date(Date.UTC(2026, 0, 2)));
    await insertRow(user.id, "need.hidden", "not an object", new Date(Date.UTC(2026, 0, 3)));
    await insertRow(
      user.id,
      "need.hidden",
      { params: { need: "玉米", reason: "" }, href: "https://evil.example/x" },
      new Date(Date.UTC(2026, 0, 4)),
    );

    const { notifications } = await listNotifications(user.id, { limit: 10 });
    expect(notifications.map(({ type, params, href }) => ({ type, params, href }))).toEqual([
      { type: "need.hidden", params: { need: "玉米", reason: "" }, href: null },
      { type: "unknown", params: {}, href: null },
      { type: "unknown", params: {}, href: null },
      { type: "unknown", params: {}, href: "/needs/1" },
    ]);
  });
});

describe("markRead and markAllRead", () => {
  it("marks the owner's notification read and tells their other tabs the new count", async () => {
    const user = await createUser();
    const [first] = await notify([applied(user.id), applied(user.id, "第二个")]);
    const view = await markRead(user.id, first!.id);
    expect(view.readAt).not.toBeNull();
    expect(view.href).toBe("/needs/n1");
    expect(await countUnread(user.id)).toBe(1);
    expect(published).toEqual([
      { userId: user.id, event: "notification:unread", payload: { unreadCount: 1 } },
    ]);
  });

  it("refuses another user's notification as not found and leaves it unread", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const [row] = await notify([applied(owner.id)]);
    const refusal = await markRead(intruder.id, row!.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(404);
    expect(await countUnread(owner.id)).toBe(1);
    expect(published).toEqual([]);
  });

  it("marks all of the user's notifications read and no one else's", async () => {
    const user = await createUser();
    const other = await createUser();
    await notify([applied(user.id), applied(user.id), applied(other.id)]);
    expect(await markAllRead(user.id)).toBe(2);
    expect(await countUnread(user.id)).toBe(0);
    expect(await countUnread(other.id)).toBe(1);
    expect(published).toEqual([
      { userId: user.id, event: "notification:unread", payload: { unreadCount: 0 } },
    ]);
    expect(await markAllRead(user.id)).toBe(0);
    expect(published).toHaveLength(1);
  });
});

describe("deliverNotifications", () => {
  it("publishes each notification to its user with the unread count", async () => {
    const user = await createUser();
    const rows = await notify([
      applied(user.id),
      { userId: user.id, type: "verification.approved", params: { subject: "协心合作社" } },
    ]);
    await deliverNotifications(rows);
    expect(published).toEqual([
      {
        userId: user.id,
        event: "notification:new",
        payload: { notification: toView(rows[0]!), unreadCount: 2 },
      },
      {
        userId: user.id,
        event: "notification:new",
        payload: { notification: toView(rows[1]!), unreadCount: 2 },
      },
    ]);
    expect(toView(rows[1]!)).toMatchObject({
      type: "verification.approved",
      params: { subject: "协心合作社" },
      href: null,
      readAt: null,
    });
  });
});

describe("live delivery over Socket.IO", () => {
  const sockets = useSocketServer();

  async function connectAs(userId: string, phone: string): Promise<Socket> {
    const { sessionId } = await logIn(LoginSchema.parse({ identifier: phone, password: TEST_PASSWORD }), {
      ip: "10.3.0.2",
    });
    const client = sockets.open({ cookie: await serializeSessionCookie(sessionId) });
    const ready = await new Promise<{ userId: string }>((resolve, reject) => {
      client.on("session:ready", resolve);
      client.on("connect_error", reject);
    });
    expect(ready.userId).toBe(userId);
    return client;
  }

  it("tells a socket what is unread as it connects, so the badges are right after a reconnect", async () => {
    const user = await createUser();
    await notify([applied(user.id), applied(user.id, "土鸡散养防疫")]);
    const { sessionId } = await logIn(
      LoginSchema.parse({ identifier: user.phone!, password: TEST_PASSWORD }),
      {
        ip: "10.3.0.3",
      },
    );
    const client = sockets.open({ cookie: await serializeSessionCookie(sessionId) });
    const [notifications, messages] = await Promise.all([
      new Promise<{ unreadCount: number }>((resolve) => client.once("notification:unread", resolve)),
      new Promise<{ unreadCount: number }>((resolve) => client.once("chat:unread", resolve)),
    ]);
    expect(notifications.unreadCount).toBe(2);
    expect(messages.unreadCount).toBe(0);
  });

  it("pushes a new notification to its user's open socket and to no one else's", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const aliceSocket = await connectAs(alice.id, alice.phone!);
    const bobSocket = await connectAs(bob.id, bob.phone!);
    const bobReceived: string[] = [];
    bobSocket.on("notification:new", ({ notification }: { notification: NotificationView }) =>
      bobReceived.push(notification.id),
    );
    const aliceReceives = new Promise<{ notification: NotificationView; unreadCount: number }>((resolve) =>
      aliceSocket.once("notification:new", resolve),
    );
    // Bob's own notification is delivered after Alice's, so if Alice's had reached Bob's socket it
    // would have arrived there first: one socket keeps the order of what is sent to it.
    const bobReceivesOwn = new Promise<void>((resolve) =>
      bobSocket.once("notification:new", () => resolve()),
    );

    const [alicesRow] = await notify([applied(alice.id)]);
    await deliverNotifications([alicesRow!]);
    const [bobsRow] = await notify([
      { userId: bob.id, type: "application.shortlisted", params: { need: "苹果" } },
    ]);
    await deliverNotifications([bobsRow!]);

    const received = await aliceReceives;
    expect(received.unreadCount).toBe(1);
    expect(received.notification).toEqual(toView(alicesRow!));
    await bobReceivesOwn;
    expect(bobReceived).toEqual([bobsRow!.id]);
  });
});

describe("the /notifications route", () => {
  async function loggedIn() {
    const user = await createUser();
    const { sessionId } = await logIn(
      LoginSchema.parse({ identifier: user.phone, password: TEST_PASSWORD }),
      { ip: "10.3.0.3" },
    );
    return { user, cookie: await serializeSessionCookie(sessionId) };
  }

  function post(fields: Record<string, string>, cookie: string) {
    return new Request("http://localhost:3000/notifications", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    });
  }

  async function thrown(promise: Promise<unknown>): Promise<Response> {
    const outcome = await promise.then(
      () => new Error("expected a thrown response"),
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(Response);
    return outcome as Response;
  }

  it("sends a visitor who is not logged in to the login page", async () => {
    const response = await thrown(
      loader({ request: new Request("http://localhost:3000/notifications"), context, params: {} }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fnotifications");
  });

  it("lists the user's notifications with the unread count and a cursor for older ones", async () => {
    const { user, cookie } = await loggedIn();
    for (let i = 0; i < 21; i++) await notify([applied(user.id, `需求${i}`)]);
    const data = await loader({
      request: new Request("http://localhost:3000/notifications", { headers: { cookie } }),
      context,
      params: {},
    });
    expect(data.notifications).toHaveLength(20);
    expect(data.unreadCount).toBe(21);
    expect(data.isFirstPage).toBe(true);
    const older = await loader({
      request: new Request(`http://localhost:3000/notifications?cursor=${data.nextCursor}`, {
        headers: { cookie },
      }),
      context,
      params: {},
    });
    expect(older.notifications).toHaveLength(1);
    expect(older.isFirstPage).toBe(false);
    expect(older.nextCursor).toBeNull();
  });

  it("clears the badge when the list is opened, still marking which were new on this visit", async () => {
    const { user, cookie } = await loggedIn();
    await notify([applied(user.id, "花椒")]);
    const data = await loader({
      request: new Request("http://localhost:3000/notifications", { headers: { cookie } }),
      context,
      params: {},
    });
    expect(data.unreadCount).toBe(1);
    expect(data.notifications[0]!.readAt).toBeNull();
    expect(await countUnread(user.id)).toBe(0);
  });

  it("opens a notification: marks it read and redirects to its link", async () => {
    const { user, cookie } = await loggedIn();
    const [row] = await notify([applied(user.id, "花椒", "/needs/abc?tab=applications")]);
    const response = (await action({
      request: post({ intent: "open", id: row!.id }, cookie),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/needs/abc?tab=applications");
    expect(await countUnread(user.id)).toBe(0);
  });

  it("never redirects to another site, and stays on the list when there is no link", async () => {
    const { user, cookie } = await loggedIn();
    const foreign = await insertRow(user.id, "need.hidden", {
      params: { need: "玉米", reason: "重复" },
      href: "//evil.example/",
    });
    const [linkless] = await notify([
      { userId: user.id, type: "verification.approved", params: { subject: "协心合作社" } },
    ]);
    for (const row of [foreign, linkless!]) {
      const response = (await action({
        request: post({ intent: "open", id: row.id }, cookie),
        context,
        params: {},
      })) as Response;
      expect(response.headers.get("location")).toBe("/notifications");
    }
  });

  it("answers 404 when opening someone else's notification", async () => {
    const owner = await createUser();
    const { cookie } = await loggedIn();
    const [row] = await notify([applied(owner.id)]);
    const response = await thrown(
      action({ request: post({ intent: "open", id: row!.id }, cookie), context, params: {} }),
    );
    expect(response.status).toBe(404);
    expect(await countUnread(owner.id)).toBe(1);
  });

  it("marks all read and comes back to the list with a toast", async () => {
    const { user, cookie } = await loggedIn();
    await notify([applied(user.id), applied(user.id)]);
    const response = (await action({
      request: post({ intent: "mark-all" }, cookie),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/notifications");
    expect(response.headers.get("set-cookie")).toContain("xk_toast=");
    expect(await countUnread(user.id)).toBe(0);
  });

  it("answers 400 to an unknown intent", async () => {
    const { cookie } = await loggedIn();
    const response = await thrown(
      action({ request: post({ intent: "delete-everything" }, cookie), context, params: {} }),
    );
    expect(response.status).toBe(400);
  });
});
