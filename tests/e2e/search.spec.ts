import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { fillNeed, logInAs } from "./helpers";

test("search as you type, narrow by county, open a result", async ({ page }) => {
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "搜索" }).fill("香菇");
  // No button pressed: the results follow the typing.
  await expect(page.getByText(/“香菇”的结果：\d+ 条/)).toBeVisible();
  await expect(page).toHaveURL(/q=%E9%A6%99%E8%8F%87/);
  await expect(page.locator("mark", { hasText: "香菇" }).first()).toBeVisible();

  // On a phone the filters are folded until asked for, so the first results are on the first screen.
  await expect(page.getByRole("region", { name: "县区" })).toBeHidden();
  await page.locator("summary", { hasText: "筛选" }).click();
  await page
    .getByRole("region", { name: "县区" })
    .getByRole("link", { name: /栾川县/ })
    .click();
  await expect(page).toHaveURL(/county=410324/);
  await page.getByRole("link", { name: /香菇菌棒污染防治技术指导/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "香菇菌棒污染防治技术指导" })).toBeVisible();
});

test("a need published a moment ago is found without restarting anything", async ({ page }) => {
  const title = `连翘林下套种技术 ${Date.now() % 100000}`;
  await logInAs(page, DEMO_ACCOUNTS.find((account) => account.role === "VILLAGE")!.login, DEMO_PASSWORD);
  await page.goto("/needs/new");
  await fillNeed(page, title);
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("需求已发布");

  // The outbox worker applies the change within about a second.
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent("连翘")}`);
    await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});

test("odd queries and filters still give a page", async ({ page }) => {
  for (const q of ['"] OR id EXISTS', "🍄🌾", "x".repeat(3000), "' OR 1=1 --"]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}&industry=NOT_AN_INDUSTRY&page=-3`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("searchbox", { name: "搜索" })).toBeVisible();
  }
});

test("on a phone, search takes a farmer's words: pinyin, a single character, a plain question", async ({
  page,
}) => {
  await page.goto("/search");
  const box = page.getByRole("searchbox", { name: "搜索" });
  // The box says what it understands before anything is typed.
  await expect(page.getByText(/也可以直接打拼音/)).toBeVisible();

  // Pinyin without tones finds the Chinese words it spells.
  await box.fill("tuji ");
  await expect(page.getByRole("link", { name: /林下散养土鸡疫病防控与饲料配方/ })).toBeVisible();

  // One character finds the words that hold it.
  await box.fill("菇");
  await expect(page.getByRole("link", { name: /香菇菌棒污染防治技术指导/ })).toBeVisible();

  // A question as a farmer asks it: filler is dropped, "鸡老是拉稀" is heard as a poultry ailment.
  await box.fill("请问我家的鸡老是拉稀咋办");
  await expect(page.getByRole("link", { name: /林下散养土鸡疫病防控与饲料配方/ })).toBeVisible();
  await expect(page.getByText(/“请问我家的鸡老是拉稀咋办”的结果：\d+ 条/)).toBeVisible();
});
