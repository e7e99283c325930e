import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

test("the bureau creates a yearly cohort and dispatches a commissioner to a county", async ({ page }) => {
  await logInAs(page, DEMO_ACCOUNTS.find((account) => account.role === "BUREAU")!.login, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "监管" }).click();
  await page
    .getByRole("main")
    .getByRole("link", { name: /^科技特派员/ })
    .click();
  // Next year's cohort: the demo already has this year's, with the demo expert serving in 栾川.
  const year = new Date().getFullYear() + 1;
  await page.getByLabel("年度").fill(String(year));
  await page.getByLabel("批次名称").fill(`${year} 年度洛阳市科技特派员`);
  await page.getByLabel("目标人数").fill("25");
  await page.getByRole("button", { name: "新建批次" }).click();
  await expect(page.getByRole("status")).toHaveText("批次已创建");

  // The page also records 停薪留职 (with its own expert and dates): fill the dispatch form.
  const dispatch = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "派驻特派员", exact: true }) });
  await dispatch
    .getByLabel("批次", { exact: true })
    .selectOption({ label: `${year} · 科技特派员 · ${year} 年度洛阳市科技特派员` });
  await dispatch.getByLabel("专家（已认证）").selectOption({ label: "张明 教授" });
  await dispatch.getByLabel("县区").selectOption({ label: "嵩县" });
  await dispatch.getByLabel("服务村").fill("德亭镇杨湾村\n车村镇天桥沟村");
  await dispatch.getByLabel("开始日期").fill(`${year}-03-01`);
  await dispatch.getByLabel("结束日期").fill(`${year}-12-31`);
  await dispatch.getByRole("button", { name: "派驻特派员" }).click();
  await expect(page.getByRole("status")).toHaveText("已派驻");
  const cohort = page.getByRole("article").filter({
    has: page.getByRole("heading", { name: `${year} · 科技特派员 · ${year} 年度洛阳市科技特派员` }),
  });
  await expect(cohort).toContainText("已派驻 1 人 / 目标 25 人");
  await expect(cohort.getByRole("link", { name: "张明 教授" })).toBeVisible();
  await expect(cohort).toContainText("嵩县");
});
