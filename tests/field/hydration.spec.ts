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
