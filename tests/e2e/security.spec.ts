import { expect, test } from "@playwright/test";

test("pages carry a nonce-based CSP and every script uses the nonce", async ({ page }) => {
  const response = await page.goto("/");
  const csp = response!.headers()["content-security-policy"];
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  const scripts = await page
    .locator("script")
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
});

test("a POST from another origin is refused", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { origin: "https://evil.example" },
    form: { identifier: "admin@demo.xiangke.cn", password: "xiangke2026" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("the session cookie is HttpOnly and SameSite=Lax, and /healthz reports the database", async ({
  request,
  baseURL,
}) => {
  const response = await request.post("/login", {
    headers: { origin: baseURL! },
    form: { identifier: "admin@demo.xiangke.cn", password: "xiangke2026" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const cookie = response
    .headersArray()
    .find((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith("xk_session="));
  expect(cookie?.value).toMatch(/HttpOnly/);
  expect(cookie?.value).toMatch(/SameSite=Lax/);
  const health = await request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});
