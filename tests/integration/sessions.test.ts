import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { FREE_FAILURES_PER_PAIR } from "~/modules/users/throttle.server";
import {
  createSession,
  getSessionUser,
  readSessionId,
  serializeSessionCookie,
} from "~/modules/users/session.server";
import { action as loginAction } from "~/routes/account/login";
import { action as logoutAction } from "~/routes/account/logout";
import { TEST_PASSWORD, createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";
import { actorOf, addMember, createVillage } from "../support/needs-factories";

useTestDatabase();

const MINUTE = 60_000;
const context = { cspNonce: "test", clientIp: "10.79.0.1" };

async function sessionAged(userId: string, idleMs: number): Promise<string> {
  const id = await createSession(userId, { ip: "10.79.0.2" });
  await db.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - idleMs) } });
  return id;
}

const sessionExists = async (id: string) => (await db.session.count({ where: { id } })) === 1;
const cookieOf = async (sessionId: string) => (await serializeSessionCookie(sessionId)).split(";")[0]!;

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  });
}

describe("the staff idle timeout", () => {
  const idle = () => (getEnv().STAFF_IDLE_MINUTES + 1) * MINUTE;

  it("defaults to 30 minutes", () => {
    expect(getEnv().STAFF_IDLE_MINUTES).toBe(30);
  });

  it("ends an idle bureau or admin session: refused and deleted", async () => {
    for (const role of ["BUREAU", "ADMIN"] as const) {
      const user = await createUser({ role });
      const id = await sessionAged(user.id, idle());
      expect(await getSessionUser(id), role).toBeNull();
      expect(await sessionExists(id), role).toBe(false);
    }
  });

  it("sends the idle staff member to the login page", async () => {
    const bureau = await createUser({ role: "BUREAU" });
    const id = await sessionAged(bureau.id, idle());
    const thrown = await requireUser(
      new Request("http://localhost:3000/bureau", { headers: { cookie: await cookieOf(id) } }),
    ).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("location")).toBe("/login?redirectTo=%2Fbureau");
  });

  it("counts a bureau role held through an organisation as staff", async () => {
    const { organisation } = await createVillage();
    const member = await addMember(organisation.id, "BUREAU");
    const id = await sessionAged(member.id, idle());
    expect(await getSessionUser(id)).toBeNull();
  });

  it("keeps a farmer's session of the same age, and a staff session used within the limit", async () => {
    const farmer = await createUser({ role: "FARMER" });
    const farmerSession = await sessionAged(farmer.id, idle());
    expect((await getSessionUser(farmerSession))?.id).toBe(farmer.id);
    const bureau = await createUser({ role: "BUREAU" });
    const recent = await sessionAged(bureau.id, (getEnv().STAFF_IDLE_MINUTES - 1) * MINUTE);
    expect((await getSessionUser(recent))?.id).toBe(bureau.id);
  });

  it("refreshes lastSeenAt on use, at most once a minute", async () => {
    const bureau = await createUser({ role: "BUREAU" });
    const fresh = await sessionAged(bureau.id, 30_000);
    const before = (
      await db.session.findUniqueOrThrow({ where: { id: fresh }, select: { lastSeenAt: true } })
    ).lastSeenAt;
    await getSessionUser(fresh);
    expect(
      (await db.session.findUniqueOrThrow({ where: { id: fresh }, select: { lastSeenAt: true } })).lastSeenAt,
    ).toEqual(before);

    const stale = await sessionAged(bureau.id, 5 * MINUTE);
    await getSessionUser(stale);
    const touched = (
      await db.session.findUniqueOrThrow({ where: { id: stale }, select: { lastSeenAt: true } })
    ).lastSeenAt;
    expect(Date.now() - touched.getTime()).toBeLessThan(MINUTE);
  });
});

describe("session ids at login and logout", () => {
  it("issues a new session id at login and ends the one the browser carried", async () => {
    const user = await createUser();
    const planted = await createSession(user.id, { ip: "10.79.0.3" });
    const response = (await loginAction({
      request: post("/login", { identifier: user.phone!, password: TEST_PASSWORD }, await cookieOf(planted)),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const issued = await readSessionId(response.headers.get("set-cookie"));
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    expect(await sessionExists(issued!)).toBe(true);
    expect(await sessionExists(planted)).toBe(false);
  });

  it("deletes the session row at logout, so the old cookie no longer works", async () => {
    const user = await createUser();
    const id = await createSession(user.id, { ip: "10.79.0.4" });
    const cookie = await cookieOf(id);
    expect(
      (await getOptionalUser(new Request("http://localhost:3000/account", { headers: { cookie } })))?.id,
    ).toBe(user.id);
    const response = (await logoutAction({
      request: post("/logout", {}, cookie),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toMatch(/xk_session=;/);
    expect(await sessionExists(id)).toBe(false);
    expect(
      await getOptionalUser(new Request("http://localhost:3000/account", { headers: { cookie } })),
    ).toBeNull();
  });
});

// tests/integration/password-guard.test.ts covers the guard itself (decision 028); this adds that
// a login refused while it waits opens no session.
describe("login throttling", () => {
  it("opens no session while the address waits, even with the right password", async () => {
    const user = await createUser();
    const attempt = (password: string) =>
      loginAction({
        request: post("/login", { identifier: user.phone!, password }),
        context: { ...context, clientIp: "10.79.1.1" },
        params: {},
      });
    for (let i = 0; i <= FREE_FAILURES_PER_PAIR; i++) await attempt("wrong-pass-1");
    const locked = (await attempt(TEST_PASSWORD)) as unknown as { init: { status: number } };
    expect(locked.init.status).toBe(429);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the signed-in user read in one statement", () => {
  it("equals Prisma's relation read: fields, nulls, and every membership in organisation order", async () => {
    const user = await createUser({
      role: "VILLAGE",
      email: "one-statement@example.test",
      countyCode: "410324",
    });
    const organisations = await Promise.all(
      [0, 1, 2].map(async (n) =>
        db.organisation.create({
          data: { type: "COOPERATIVE", name: `会话测试 ${n} ${user.id}`, countyCode: "410324" },
          select: { id: true },
        }),
      ),
    );
    for (const [n, organisation] of organisations.entries())
      await db.membership.create({
        data: { userId: user.id, organisationId: organisation.id, role: n === 1 ? "FARMER" : "VILLAGE" },
      });
    const lonely = await createUser();
    for (const id of [user.id, lonely.id]) {
      const expected = await actorOf(id);
      expect(expected.memberships).toHaveLength(id === user.id ? 3 : 0);
      expect(await getSessionUser(await createSession(id, { ip: "10.79.0.3" }))).toStrictEqual(expected);
    }
    expect(await getSessionUser("no-such-session")).toBeNull();
  });
});
