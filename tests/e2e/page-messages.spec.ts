import { expect, test } from "@playwright/test";

// A page carries the messages it renders; its language's whole catalogue follows at the first interaction
// (app/i18n/page-messages.tsx, docs/decisions/019). These check that a person never sees a blank
// or a raw message key, whenever the catalogue arrives.

const RAW_KEY = /\b(needs|nav|home|search|offers|applications|marketplace|errors)\.[a-z][\w.]+/;

test("a page embeds the messages it renders and ships no whole catalogue", async ({ page }) => {
  const response = await page.request.get("/");
  const html = await response.text();
  expect(html).not.toMatch(/\/assets\/(zh|en)-[\w-]+\.js/);
  const embedded = JSON.parse(
    html.match(/<script type="application\/json" id="xk-messages"[^>]*>(.*?)<\/script>/s)![1],
  );
  expect(embedded.locale).toBe("zh");
  expect(embedded.messages["app.name"]).toBe("乡科");
  // Only the namespaces the home page uses, not the bureau's or the contracts'.
  expect(Object.keys(embedded.messages).some((key) => key.startsWith("agreements."))).toBe(false);
});

test("a page only read never fetches the whole catalogue; the first touch does", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (/\/assets\/(zh|en)-[\w-]+\.js$/.test(request.url())) fetched.push(request.url());
  });
  await page.goto("/needs");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1_000);
  expect(fetched).toEqual([]);
  await page.locator("h1").click();
  await expect.poll(() => fetched.length).toBe(1);
  expect(fetched[0]).toMatch(/\/zh-/);
});

test("navigating before the catalogue has arrived shows the same page as loading it directly", async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/zh-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/");
  await expect(page.locator("h1")).toHaveText("让科技走进每一个村庄");
  await page.locator('nav a[href="/needs"]').first().click();
  await expect(page).toHaveURL(/\/needs$/);
  release();
  await expect(page.locator("h1")).toHaveText("技术需求");
  const main = page.locator("main");
  await expect(main).not.toHaveText(RAW_KEY);
  // Other tests change the shared data meanwhile (applications, new needs): compare what the
  // messages make — the search and filter form, and one demo need's card with its counts masked.
  const card = main.locator("li").filter({ hasText: "香菇烘干房温度控制改造" });
  const shown = async () => ({
    form: (await main.locator("form").first().innerText()).replace(/\s+/g, " "),
    card: (await card.innerText()).replace(/\s+/g, " ").replace(/\d+/g, "#"),
  });
  const navigated = await shown();
  expect(navigated.card).toContain("份申请");

  await page.goto("/needs");
  expect(navigated).toEqual(await shown());
});

test("switching language loads the page again in the other language", async ({ page }) => {
  await page.goto("/needs");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("h1")).toHaveText("Technical needs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await page.locator('nav a[href="/search"]').first().click();
  await expect(page).toHaveURL(/\/search/);
  await expect(page.locator("main")).not.toHaveText(RAW_KEY);
  await expect(page.getByRole("button", { name: "中文" })).toBeVisible();
});
