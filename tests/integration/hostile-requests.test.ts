import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { tokenFor } from "../support/api-factories";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { useTestDatabase } from "../support/database";
import { TEST_PASSWORD } from "../support/factories";
import { createVillage } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

/*
 * What a prober sends a production server (a child process on this file's database, logging at
 * info level with secure cookies): secrets that must never reach the log, malformed encodings and
 * bodies that must be answered 400 rather than 500, and requests from another site.
 */

const database = useTestDatabase();
let app: AppProcess | undefined;
let token = "";
let headPhone = "";
let cookie = "";
const CLAIM_CODE = "739184";
const WRONG_PASSWORD = "Guess-4-Secret-xyzzy";

beforeAll(async () => {
  const { head } = await createVillage();
  headPhone = head.phone!;
  token = await tokenFor(head, ["needs:read", "needs:write", "money:write"]);
  cookie = await sessionCookieFor(head.id);
  app = await startAppProcess(
    {
      DATABASE_URL: database.url(),
      SEED_DEMO: "false",
      SESSION_SECRET: process.env.SESSION_SECRET!,
      COOKIE_SECURE: "true",
      LOG_LEVEL: "info",
    },
    { captureOutput: true },
  );
}, 180_000);

afterAll(async () => {
  await app?.stop();
}, 60_000);

const url = (path: string) => `${app!.url}${path}`;
const sameOrigin = () => ({ origin: app!.url });

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

describe("the log", () => {
  it("holds no token, authorization header, password or claim code, whatever the answer", async () => {
    const bearer = { Authorization: `Bearer ${token}` };
    const probes: Response[] = [
      await fetch(url("/api/v1/needs/no-such-need"), { headers: bearer }),
      await fetch(url("/api/v1/needs?limit=abc"), { headers: { authorization: `Bearer ${token}` } }),
      await fetch(url("/api/v1/needs"), { headers: { AUTHORIZATION: "Bearer xk_notarealtoken_0123456789" } }),
      await fetch(url("/api/v1/needs/%E0%A4%A"), { headers: bearer }),
      await fetch(url(`/api/v1/needs?token=${token}`)),
      await fetch(url("/login"), {
        method: "POST",
        headers: { ...sameOrigin(), "content-type": "application/x-www-form-urlencoded" },
        body: form({ identifier: headPhone, password: WRONG_PASSWORD }),
      }),
      await fetch(url("/login"), {
        method: "POST",
        headers: { ...sameOrigin(), "content-type": "application/json" },
        body: JSON.stringify({ identifier: headPhone, password: WRONG_PASSWORD }),
      }),
      await fetch(url("/claim"), {
        method: "POST",
        headers: { ...sameOrigin(), "content-type": "application/x-www-form-urlencoded" },
        body: form({ phone: "13800000001", code: CLAIM_CODE }),
      }),
    ];
    expect(probes.some((response) => response.status >= 400)).toBe(true);
    const log = app!.output();
    // The requests were logged (so the checks below looked at something).
    expect(log).toContain("/api/v1/needs/no-such-need");
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(3));
    expect(log).not.toContain("xk_notarealtoken");
    expect(log).not.toMatch(/bearer\s+xk/i);
    expect(log).not.toContain(WRONG_PASSWORD);
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(CLAIM_CODE);
  });
});

describe("malformed requests", () => {
  const readable = async (response: Response, kind: "html" | "problem") => {
    expect(response.status).toBe(400);
    const body = await response.text();
    if (kind === "problem") {
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect((JSON.parse(body) as { title: string }).title).toMatch(/[\u4e00-\u9fff]/);
    } else {
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(body).toMatch(/[\u4e00-\u9fff]/);
    }
  };

  it.each([
    ["/%E0", "html"],
    ["/needs/%E0%A4%A", "html"],
    ["/assets/%E0", "html"],
    ["/api/v1/needs/%E0%A4%A", "problem"],
  ] as const)("answers bad percent-encoding in %s with a 400 page", async (path, kind) => {
    await readable(await fetch(url(path), { headers: { cookie } }), kind);
  });

  it("refuses a lone surrogate in a JSON body with a 400 problem, and stores nothing", async () => {
    const response = await fetch(url("/api/v1/needs"), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: `{"title":"abc\\ud800def 香菇菌棒污染","description":"今年春季菌棒污染率超过三成，需要专家现场诊断并指导。","industry":"PLANTING","countyCode":"410324","arrangements":["TECH_CONTRACT"]}`,
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string; message: string }[] };
    expect(problem.errors).toContainEqual({ pointer: "/title", message: "文字中含有无法识别的字符" });
    expect(await db.need.count({ where: { title: { contains: "def" } } })).toBe(0);
  });

  it.each([
    ["application/json", JSON.stringify({ identifier: "13800000001", password: "x" })],
    ["multipart/form-data", "--x\r\n"],
  ])("answers a login posted as %s with a 400 page", async (contentType, body) => {
    const response = await fetch(url("/login"), {
      method: "POST",
      headers: { ...sameOrigin(), "content-type": contentType },
      body,
    });
    await readable(response, "html");
  });

  it("answers DELETE on a page with 405 and the methods it takes", async () => {
    const response = await fetch(url("/needs"), { method: "DELETE", headers: { ...sameOrigin(), cookie } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(await response.text()).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("defence in depth", () => {
  it("refuses a form post with no Origin and a foreign Referer, like a foreign Origin", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(url("/login"), {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: form({ identifier: headPhone, password: TEST_PASSWORD }),
      });
    expect((await post({ referer: "https://evil.example/page" })).status).toBe(403);
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ referer: `${app!.url}/login` })).status).toBe(302);
  });

  it("marks every cookie Secure when COOKIE_SECURE is set", async () => {
    const response = await fetch(url("/login"), {
      method: "POST",
      redirect: "manual",
      headers: { ...sameOrigin(), "content-type": "application/x-www-form-urlencoded" },
      body: form({ identifier: headPhone, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(302);
    const cookies = response.headers.getSetCookie();
    expect(cookies.map((line) => line.split("=")[0])).toEqual(
      expect.arrayContaining(["xk_session", "xk_toast"]),
    );
    for (const line of cookies) expect(line, line).toMatch(/;\s*Secure/i);
    const language = await fetch(url("/language"), {
      method: "POST",
      redirect: "manual",
      headers: { ...sameOrigin(), "content-type": "application/x-www-form-urlencoded" },
      body: form({ locale: "en", redirectTo: "/" }),
    });
    const set = language.headers.getSetCookie();
    expect(set.length).toBeGreaterThan(0);
    for (const line of set) expect(line, line).toMatch(/;\s*Secure/i);
  });

  it.each([
    [undefined, /[\u4e00-\u9fff]/],
    ["en-GB,en;q=0.8", /^[^\u4e00-\u9fff]+$/],
  ])("answers API validation problems in the request's language (%s)", async (language, pattern) => {
    const response = await fetch(url("/api/v1/needs?limit=5000&q=" + "长".repeat(300)), {
      headers: { authorization: `Bearer ${token}`, ...(language ? { "accept-language": language } : {}) },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { title: string; errors: { message: string }[] };
    expect(problem.errors.length).toBeGreaterThan(0);
    for (const message of [problem.title, ...problem.errors.map((error) => error.message)]) {
      expect(message).toMatch(pattern);
      expect(message).not.toMatch(/too big|too small|expected|invalid input/i);
    }
  });
});
