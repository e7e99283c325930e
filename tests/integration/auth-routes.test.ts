import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as registerAction } from "~/routes/account/register";
import { action as loginAction } from "~/routes/account/login";
import { readSessionId } from "~/modules/users/session.server";
import { TEST_PASSWORD, createUser, uniquePhone } from "../support/factories";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.1.0.1" };

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

type Reply = {
  data: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

describe("the register action", () => {
  it("answers 400 with field errors and keeps what was typed, except passwords", async () => {
    const result = (await registerAction({
      request: post("/register", {
        identifier: "12345",
        displayName: "王建国",
        password: "short",
        confirmPassword: "other",
        role: "VILLAGE",
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      identifier: ["errors.identifier_invalid"],
      password: ["errors.password_too_short"],
      confirmPassword: ["errors.password_mismatch"],
      organisationName: ["errors.organisation_required"],
    });
    expect(result.data.initialValue).toMatchObject({
      identifier: "12345",
      displayName: "王建国",
      role: "VILLAGE",
    });
    expect(result.data.initialValue).not.toHaveProperty("password");
  });

  it("answers a duplicate in the visitor's language, on the identifier field", async () => {
    const user = await createUser();
    const fields = {
      identifier: user.phone!,
      displayName: "Li",
      password: "wheat2026",
      confirmPassword: "wheat2026",
      role: "FARMER",
      consent: "on",
    };
    const english = (await registerAction({
      request: post("/register", fields, { cookie: "xk_lang=ImVuIg%3D%3D" }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(english.init.status).toBe(409);
    expect(english.data.error?.identifier).toEqual([
      "This mobile number or e-mail is already registered; please log in",
    ]);
    const chinese = (await registerAction({
      request: post("/register", fields),
      context,
      params: {},
    })) as unknown as Reply;
    expect(chinese.data.error?.identifier).toEqual(["该手机号或邮箱已注册，请直接登录"]);
  });

  it("registers, sets the session cookie and redirects to the account page", async () => {
    const phone = uniquePhone();
    const response = (await registerAction({
      request: post("/register", {
        identifier: phone,
        displayName: "赵刚",
        password: "wheat2026",
        confirmPassword: "wheat2026",
        role: "EXPERT",
        consent: "on",
      }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
    const sessionId = await readSessionId(response.headers.get("set-cookie"));
    const session = await db.session.findUniqueOrThrow({
      where: { id: sessionId! },
      select: { user: { select: { phone: true } } },
    });
    expect(session.user.phone).toBe(phone);
  });
});

describe("the login action", () => {
  it("goes back to the page that asked for a login, and never to another site", async () => {
    const user = await createUser();
    const back = (await loginAction({
      request: post("/login", {
        identifier: user.phone!,
        password: TEST_PASSWORD,
        redirectTo: "/account/password",
      }),
      context,
      params: {},
    })) as Response;
    expect(back.headers.get("location")).toBe("/account/password");
    const away = (await loginAction({
      request: post("/login", {
        identifier: user.phone!,
        password: TEST_PASSWORD,
        redirectTo: "//evil.example/",
      }),
      context,
      params: {},
    })) as Response;
    expect(away.headers.get("location")).toBe("/account");
  });

  it("answers 401 on a wrong password and 429 with the seconds to wait once throttled", async () => {
    const user = await createUser();
    const attempt = () =>
      loginAction({
        request: post("/login", { identifier: user.phone!, password: "wrong-pass-1" }),
        context: { ...context, clientIp: "10.1.0.9" },
        params: {},
      }) as unknown as Promise<Reply>;
    expect((await attempt()).init.status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await attempt()).init.status).toBe(401);
    const throttled = await attempt();
    expect(throttled.init.status).toBe(429);
    expect(throttled.data.error?.[""]).toEqual(["尝试次数过多，请 5 秒后再试"]);
  });
});
