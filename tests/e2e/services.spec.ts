import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

test("a Star Innovation Space posts a service; villagers find it in the catalogue and in search", async ({
  page,
}) => {
  const title = `菌菇农残快速检测 ${Date.now() % 100000}`;
  await logInAs(page, DEMO_ACCOUNTS.find((account) => account.role === "SPACE")!.login, DEMO_PASSWORD);
  await page.goto("/services/new");
  await page.getByLabel("服务类别").selectOption({ label: "质量检测" });
  await page.getByLabel("服务名称").fill(title);
  await page
    .getByLabel("服务说明")
    .fill("送样两天出结果，检测香菇、木耳的农药残留和重金属，出具检测报告，可用于电商上架。");
  await page.getByRole("group", { name: "服务县区" }).getByLabel("嵩县").check();
  await page.getByLabel("最低收费（元）").fill("200");
  await page.getByLabel("最高收费（元）").fill("800");
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("服务已发布");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The catalogue, filtered by category, without logging in.
  await page.context().clearCookies();
  await page.goto("/services");
  await page.getByLabel("服务类别").selectOption({ label: "质量检测" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();

  // Search: the services tab finds it through the outbox, with the category facet.
  await expect(async () => {
    await page.goto(`/search?type=services&q=${encodeURIComponent("农残检测")}`);
    await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  // On a phone the filters are folded until asked for.
  await page.locator("summary", { hasText: "筛选" }).click();
  await expect(
    page.getByRole("region", { name: "服务类别" }).getByRole("link", { name: /质量检测/ }),
  ).toBeVisible();
});
