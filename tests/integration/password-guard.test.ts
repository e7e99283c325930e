import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as loginAction } from "~/routes/account/login";
import { action as passwordAction } from "~/routes/account/account.password";
import { logIn } from "~/modules/users/auth.server";
import {
  ACCOUNT_CEILING,
  ACCOUNT_SLOW_SECONDS,
  FREE_FAILURES_PER_PAIR,
} from "~/modules/users/throttle.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { TEST_PASSWORD, createUser } from "../support/factories";
import { useTestDatabase } from "../support/database";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.90.0.1" };
type Reply = { data: { error?: Record<string, string[] | null> }; init: { status: number } };

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** The hour's failures of an account from many addresses so far, as the guard's counter holds them. */
async function failedFromManyAddresses(userId: string, failures: number) {
  await db.rateLimitCounter.create({
    data: { key: `pw-account:${userId}`, points: failures, expire: new Date(Date.now() + 3_600_000) },
  });
}

const login = (identifier: string, password: string) => LoginSchema.parse({ identifier, password });

describe("the password guard (decision 028)", () => {
  it("refuses the right current password after 12 wrong ones on the change-password form", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const change = (currentPassword: string) =>
      passwordAction({
        request: post(
          "/account/password",
          { currentPassword, newPassword: "taken-over-2026", confirmPassword: "taken-over-2026" },
          { cookie },
        ),
        context,
        params: {},
      }) as unknown as Promise<Reply | Response>;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const reply = await change(`guess-${i}-pass`);
      statuses.push(reply instanceof Response ? reply.status : reply.init.status);
    }
    expect(statuses.slice(0, FREE_FAILURES_PER_PAIR + 1)).toEqual(
      Array(FREE_FAILURES_PER_PAIR + 1).fill(400),
    );
    expect(new Set(statuses.slice(FREE_FAILURES_PER_PAIR + 1))).toEqual(new Set([429]));
    const right = (await change(TEST_PASSWORD)) as Reply;
    expect(right.init.status).toBe(429);
    expect(right.data.error?.[""]?.[0]).toMatch(/^尝试次数过多，请 \d+ 秒后再试$/);
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.90.0.2" })).resolves.toHaveProperty(
      "sessionId",
    );
  });

  it("does not let a guesser at one address lock the owner out at another", async () => {
    const user = await createUser();
    const attacker = "10.90.1.1";
    for (let i = 0; i < 30; i++) {
      await logIn(login(user.phone!, `guess-${i}-pass`), { ip: attacker }).catch(() => undefined);
    }
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip: attacker })).rejects.toMatchObject({
      code: "auth.throttled",
    });
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.90.1.2" })).resolves.toHaveProperty(
      "sessionId",
    );
  });

  it("slows new browsers, never the owner's known one, past the account's hourly ceiling", async () => {
    const user = await createUser();
    await failedFromManyAddresses(user.id, ACCOUNT_CEILING - 1);
    for (const ip of ["10.91.0.1", "10.91.0.2"]) {
      await expect(logIn(login(user.phone!, "spread-guess-1"), { ip })).rejects.toMatchObject({
        code: "auth.invalid_credentials",
      });
    }
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.92.0.1" })).rejects.toMatchObject({
      code: "auth.throttled",
      params: { seconds: ACCOUNT_SLOW_SECONDS },
    });
    await expect(
      logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.92.0.1", knownAccountIds: [user.id] }),
    ).resolves.toHaveProperty("sessionId");
  });

  it("gives the browser a signed device cookie at login that the next login reads", async () => {
    const user = await createUser();
    const first = (await loginAction({
      request: post("/login", { identifier: user.phone!, password: TEST_PASSWORD }),
      context,
      params: {},
    })) as Response;
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("xk_device="))!
      .split(";")[0]!;
    expect(device).toBeTruthy();
    await failedFromManyAddresses(user.id, ACCOUNT_CEILING);
    await expect(logIn(login(user.phone!, "spread-guess-1"), { ip: "10.93.0.1" })).rejects.toMatchObject({
      code: "auth.invalid_credentials",
    });
    const again = (await loginAction({
      request: post("/login", { identifier: user.phone!, password: TEST_PASSWORD }, { cookie: device }),
      context: { ...context, clientIp: "10.94.0.1" },
      params: {},
    })) as Response;
    expect(again.status).toBe(302);
    const forged = (await loginAction({
      request: post(
        "/login",
        { identifier: user.phone!, password: TEST_PASSWORD },
        { cookie: "xk_device=x" },
      ),
      context: { ...context, clientIp: "10.94.0.2" },
      params: {},
    })) as unknown as Reply;
    expect(forged.init.status).toBe(429);
    expect(await db.loginAttempt.count({ where: { identifier: user.phone!, succeeded: true } })).toBe(2);
  });
});
