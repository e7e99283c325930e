import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { signedIn, visit, watchCommits } from "./field";

/*
 * "Hydration errors (#418/#425/#423) appeared after a reconnect": every page a village and an
 * expert open, online, then again with the phone offline (the service worker's kept copies), then
 * once more after the signal is back, hydrates without an error React reports — a text that
 * differs between the server's HTML and the browser's first render, a part the browser had to
 * render anew.
 */

const PAGES = ["/", "/needs", "NEED", "/workspace", "/agreements", "/wallet", "/notifications", "/messages"];

function reactErrors(page: Page) {
  const errors: string[] = [];
  // React 18 leaves NUL bytes at its 2 kB buffer ends (app/utils/html-stream.server.ts): in the
  // page's data they become U+FFFD and the browser's render differs from the server's.
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "document" || response.status() !== 200) return;
    const body = await response.body().catch(() => null);
    if (body?.includes(0)) errors.push(`${response.url()}: a NUL byte at ${body.indexOf(0)}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /react|hydrat/i.test(message.text()))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

for (const role of ["VILLAGE", "EXPERT"]) {
  test(`${role}: every page hydrates without an error, online, offline and after the reconnect`, async ({
    browser,
  }) => {
    const { page, context, net } = await signedIn(browser, role, true);
    await watchCommits(page);
    const errors = reactErrors(page);
    await page.goto("/needs");
    const need = (await page.locator('a[href^="/needs/c"]').first().getAttribute("href"))!;
    const pages = PAGES.map((path) => (path === "NEED" ? need : path));

    for (const path of pages) await visit(page, path);
    // The service worker keeps what was read: offline, the kept copy is shown and hydrates.
    // The context's switch takes the service worker offline; DevTools' the page (navigator.onLine).
    await context.setOffline(true);
    await net.cut();
    for (const path of pages.filter((path) => path !== "/wallet")) {
      await visit(page, path);
      await expect(page.getByText("当前离线"), path).toBeVisible();
    }
    await context.setOffline(false);
    await net.restore();
    for (const path of pages) await visit(page, path);
    await page.reload();
    await page.waitForFunction(() => (window as { reactCommitted?: boolean }).reactCommitted === true);

    expect(errors).toEqual([]);
    await context.close();
  });
}

/**
 * The end of a long page arriving late, while its scripts come at once (a warm cache on a slow
 * link): a proxy sends each page up to its embedded messages, waits, then sends the rest. The
 * scripts must not hydrate before the page is read to its end.
 */
test("a page whose end arrives late hydrates without an error", async ({ browser, baseURL }) => {
  const target = new URL(baseURL!);
  const proxy = http.createServer((incoming, outgoing) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, host: target.host, "accept-encoding": "identity" },
      },
      (answer) => {
        const page = String(answer.headers["content-type"]).startsWith("text/html");
        if (!page) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          const cut = body.indexOf('<script type="application/json" id="xk-messages"');
          const headers = { ...answer.headers };
          delete headers["content-length"];
          outgoing.writeHead(answer.statusCode ?? 502, headers);
          outgoing.write(cut > 0 ? body.subarray(0, cut) : body);
          if (cut <= 0) return outgoing.end();
          setTimeout(() => outgoing.end(body.subarray(cut)), 2_000);
        });
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await watchCommits(page);
  const errors = reactErrors(page);
  // The first view fetches the scripts; the second finds them cached and waits for the page's end.
  for (const path of ["/needs", "/needs", "/"]) {
    await page.goto(`http://127.0.0.1:${port}${path}`);
    await page.waitForFunction(() => (window as { reactCommitted?: boolean }).reactCommitted === true);
    await expect(page.getByRole("navigation", { name: "主导航" })).toContainText("需求");
  }
  expect(errors).toEqual([]);
  await context.close();
  await new Promise((resolve) => proxy.close(resolve));
});
