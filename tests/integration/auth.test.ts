import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { changePassword, logIn, registerUser } from "~/modules/users/auth.server";
import { getSessionUser } from "~/modules/users/session.server";
import {
  FIRST_WAIT_SECONDS,
  FREE_FAILURES_PER_IP,
  FREE_FAILURES_PER_PAIR,
} from "~/modules/users/throttle.server";
import { LoginSchema, RegisterSchema } from "~/modules/users/users.schema";
import { DomainError } from "~/utils/errors";
import { TEST_PASSWORD, createUser, uniquePhone } from "../support/factories";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const meta = { ip: "10.0.0.1", userAgent: "vitest" };

function registration(overrides: Record<string, unknown> = {}) {
  return RegisterSchema.parse({
    identifier: uniquePhone(),
    displayName: "王建国",
    password: "shiitake2026",
    confirmPassword: "shiitake2026",
    role: "FARMER",
    ...overrides,
  });
}

function login(identifier: string, password: string) {
  return LoginSchema.parse({ identifier, password });
}

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

describe("registerUser", () => {
  it("creates a village account with its unverified organisation, membership and audit trail", async () => {
    const input = registration({
      role: "VILLAGE",
      organisationName: "协心香菇专业合作社",
      organisationType: "COOPERATIVE",
      countyCode: "410324",
    });
    const { user, sessionId } = await registerUser(input, meta);
    const stored = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        phone: true,
        primaryRole: true,
        memberships: {
          select: {
            role: true,
            organisation: { select: { name: true, verifiedAt: true, countyCode: true } },
          },
        },
      },
    });
    expect(stored.phone).toBe(input.identifier.value);
    expect(stored.memberships).toEqual([
      {
        role: "VILLAGE",
        organisation: { name: "协心香菇专业合作社", verifiedAt: null, countyCode: "410324" },
      },
    ]);
    expect(await getSessionUser(sessionId)).toMatchObject({ id: user.id });
    const actions = await db.auditLog.findMany({ where: { actorId: user.id }, select: { action: true } });
    expect(actions.map((entry) => entry.action).sort()).toEqual(["organisation.created", "user.registered"]);
  });

  it("refuses a mobile number that is already registered, however it is written", async () => {
    const phone = uniquePhone();
    await registerUser(registration({ identifier: phone }), meta);
    const local = phone.replace("+86", "");
    const spaced = `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`;
    await expectDomainError(
      registerUser(registration({ identifier: spaced }), meta),
      "auth.identifier_taken",
    );
    expect(await db.user.count({ where: { phone } })).toBe(1);
  });

  it("leaves nothing behind when the registration fails", async () => {
    const email = "duplicate@example.cn";
    await registerUser(registration({ identifier: email }), meta);
    const before = await db.organisation.count();
    await expectDomainError(
      registerUser(
        registration({
          identifier: email,
          role: "SPACE",
          organisationName: "伊河星创天地",
          organisationType: "STAR_SPACE",
        }),
        meta,
      ),
      "auth.identifier_taken",
    );
    expect(await db.organisation.count()).toBe(before);
  });
});

describe("logIn", () => {
  it("opens a new session with a fresh id at every login", async () => {
    const user = await createUser();
    const first = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    const second = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);
  });

  it("says the same thing for a wrong password and an unknown account", async () => {
    const user = await createUser();
    await expectDomainError(logIn(login(user.phone!, "wrong-password-1"), meta), "auth.invalid_credentials");
    await expectDomainError(logIn(login(uniquePhone(), TEST_PASSWORD), meta), "auth.invalid_credentials");
  });

  it("makes the same address wait after repeated failures, even with the right password", async () => {
    const user = await createUser();
    const ip = "10.0.0.2";
    for (let i = 0; i <= FREE_FAILURES_PER_PAIR; i++) {
      await expectDomainError(
        logIn(login(user.phone!, `wrong-${i}-pass`), { ip }),
        "auth.invalid_credentials",
      );
    }
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip })).rejects.toMatchObject({
      code: "auth.throttled",
      params: { seconds: FIRST_WAIT_SECONDS },
    });
  });

  it("keeps the failure count in PostgreSQL, so another app process sees it without Redis", async () => {
    const user = await createUser();
    const ip = "10.0.0.6";
    for (let i = 0; i <= FREE_FAILURES_PER_PAIR; i++) {
      await expectDomainError(
        logIn(login(user.phone!, `wrong-${i}-pass`), { ip }),
        "auth.invalid_credentials",
      );
    }
    // A second process starts with no limiter of its own: forget this process's ones.
    (globalThis as { __xiangke?: Map<string, unknown> }).__xiangke?.forEach((_value, key, all) => {
      if (key.startsWith("rate-limit:")) all.delete(key);
    });
    await expectDomainError(logIn(login(user.phone!, TEST_PASSWORD), { ip }), "auth.throttled");
    expect(
      await db.rateLimitCounter.findUnique({
        where: { key: `pw-pair:${user.id}@${ip}` },
        select: { points: true },
      }),
    ).toEqual({ points: FREE_FAILURES_PER_PAIR + 1 });
  });

  it("forgets earlier failures after a successful login", async () => {
    const user = await createUser();
    const ip = "10.0.0.3";
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) {
      await expectDomainError(
        logIn(login(user.phone!, `wrong-${i}-pass`), { ip }),
        "auth.invalid_credentials",
      );
    }
    await logIn(login(user.phone!, TEST_PASSWORD), { ip });
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) {
      await expectDomainError(logIn(login(user.phone!, "wrong-again-1"), { ip }), "auth.invalid_credentials");
    }
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip })).resolves.toHaveProperty("sessionId");
  });

  it("makes an address that tries many accounts wait, and only that address", async () => {
    const ip = "10.0.0.4";
    for (let i = 0; i <= FREE_FAILURES_PER_IP; i++) {
      await expectDomainError(logIn(login(uniquePhone(), "guess-1234"), { ip }), "auth.invalid_credentials");
    }
    const user = await createUser();
    await expectDomainError(logIn(login(user.phone!, TEST_PASSWORD), { ip }), "auth.throttled");
    await expect(logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.0.0.5" })).resolves.toHaveProperty(
      "sessionId",
    );
  });
});

describe("sessions and passwords", () => {
  it("forgets an expired session", async () => {
    const user = await createUser();
    const { sessionId } = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    await db.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(sessionId)).toBeNull();
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
  });

  it("changes the password and ends every other session", async () => {
    const user = await createUser();
    const here = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    const elsewhere = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    await changePassword(
      {
        userId: user.id,
        currentSessionId: here.sessionId,
        currentPassword: TEST_PASSWORD,
        newPassword: "new-secret-99",
      },
      meta,
    );
    expect(await getSessionUser(here.sessionId)).not.toBeNull();
    expect(await getSessionUser(elsewhere.sessionId)).toBeNull();
    await expectDomainError(
      logIn(login(user.phone!, TEST_PASSWORD), { ip: "10.0.0.6" }),
      "auth.invalid_credentials",
    );
    await expect(logIn(login(user.phone!, "new-secret-99"), { ip: "10.0.0.6" })).resolves.toHaveProperty(
      "sessionId",
    );
  });

  it("refuses a wrong current password and keeps the old one", async () => {
    const user = await createUser();
    const { sessionId } = await logIn(login(user.phone!, TEST_PASSWORD), meta);
    await expectDomainError(
      changePassword(
        {
          userId: user.id,
          currentSessionId: sessionId,
          currentPassword: "not-it-123",
          newPassword: "new-secret-99",
        },
        meta,
      ),
      "auth.current_password_wrong",
    );
    await expect(logIn(login(user.phone!, TEST_PASSWORD), meta)).resolves.toHaveProperty("sessionId");
  });
});
