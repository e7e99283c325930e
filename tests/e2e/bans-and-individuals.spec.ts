import { expect, test } from "@playwright/test";
import { logInAs } from "./helpers";

// Demo data (app/modules/demo/seed-individuals.server.ts): one published ban, and a call open to
// commissioners that the demo expert, serving in this year's cohort, may apply to in their own name.

test("an anonymous visitor reads the published ban list on a phone", async ({ page }) => {
  // A visitor finds the list from the footer of any page, not by typing its address.
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "禁止承担科技项目名单" }).click();
  await expect(page).toHaveURL(/\/bans$/);
  await expect(page.getByRole("heading", { name: "禁止承担科技项目名单" })).toBeVisible();
  const row = page.getByRole("listitem", { name: "洛宁县示例果品专业合作社" });
  await expect(row).toContainText("执行中");
  await expect(row).toContainText("虚报项目完成情况，套取后补助资金");
  await expect(row).toContainText("93410328MA0XK0005Y");

  // The code printed on the row finds the row again (it is a well-formed GB 32100 code).
  await page.getByLabel("单位名称或统一社会信用代码").fill("93410328MA0XK0005Y");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/q=93410328MA0XK0005Y/);
  await expect(page.getByRole("listitem", { name: "洛宁县示例果品专业合作社" })).toBeVisible();

  await page.getByLabel("单位名称或统一社会信用代码").fill("没有这个合作社");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("没有符合条件的公示记录。")).toBeVisible();
});

test("a commissioner applies in their own name to a call open to commissioners", async ({ page }) => {
  await logInAs(page, "expert@demo.xiangke.cn", "xiangke2026");
  await page.goto("/programmes");
  await page
    .getByRole("link", { name: /科技特派员创新创业项目资助/ })
    .first()
    .click();
  await expect(page.getByText("您是在派科技特派员，可以本人名义申报。")).toBeVisible();
  await page.getByRole("link", { name: "申报", exact: true }).click();

  await expect(page.getByLabel("申报主体")).toHaveValue("self");
  await page.getByLabel("项目名称").fill("协心村香菇新品种示范推广");
  await page.getByLabel("项目简介").fill("在协心村示范两个香菇新品种，培训 30 户农户掌握菌棒防污染技术。");
  await page.getByLabel("实施县区").selectOption({ label: "栾川县" });
  await page.getByLabel("产业").selectOption({ label: "种植" });
  await page.getByLabel("申请金额（元）").fill("3000");
  // The budget by line adds up to the amount asked (the approved plan monitoring holds it to).
  await page.getByLabel("材料费").fill("2000");
  await page.getByLabel("差旅费").fill("1000");
  await page.getByRole("button", { name: "提交申报" }).click();
  await expect(page.getByRole("status")).toHaveText("申报已提交。");
  await expect(page.getByText("申报主体", { exact: true })).toBeVisible();
  await expect(page.getByText("已提交，评审中").first()).toBeVisible();
});
