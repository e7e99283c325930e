import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { MONITORED_PROJECT_TITLE } from "../../app/modules/demo/seed-monitoring.server";
import { queryAppDatabase } from "../support/app-database";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

/** What reached the app's database: the page's word is not enough. */
async function rows<T extends Record<string, unknown>>(sql: string, params: unknown[]) {
  return queryAppDatabase<T>(process.env.E2E_DATA_DIR!, sql, params);
}

/** Another person on their own phone. */
async function phone(browser: Browser, role: string): Promise<Page> {
  const { defaultBrowserType: _type, ...pixel } = devices["Pixel 5"];
  const page = await (await browser.newContext({ ...pixel, locale: "zh-CN" })).newPage();
  await logInAs(page, login(role), DEMO_PASSWORD);
  return page;
}

test("the cooperative asks for a budget change and reports spending that the bureau sees flagged", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The head of the demo cooperative, on a phone, finds the funded project.
  await logInAs(page, login("VILLAGE"), DEMO_PASSWORD);
  await page.goto("/programmes");
  await page.getByRole("link", { name: /科技特派员服务产业示范项目资助/ }).click();
  await page.getByRole("link", { name: MONITORED_PROJECT_TITLE }).click();
  await expect(page).toHaveURL(/\/programmes\/applications\/\w+$/);
  const applicationId = page.url().split("/").at(-1)!;
  await page.getByRole("link", { name: "项目计划与变更" }).click();
  await expect(page.getByRole("heading", { name: "现行批准版本：第 1 版" })).toBeVisible();

  // 变更申请: 2,500 yuan of equipment money moves to testing (the form starts from version 1).
  await page.getByRole("link", { name: "提交变更申请" }).click();
  await expect(page.getByLabel("设备费")).toHaveValue("37500");
  await page.getByLabel("设备费").fill("35000");
  await page.getByLabel("测试化验加工费").fill("2500");
  await page.getByLabel("变更理由").fill("菌棒需要送检，测试化验费不够");
  await page.getByRole("button", { name: "提交变更申请" }).click();
  await expect(page.getByRole("status")).toHaveText("变更申请已提交");
  await expect(page.getByText("等待县科技局意见")).toBeVisible();
  expect(
    await rows(`SELECT status, kinds FROM "ProjectChangeRequest" WHERE "applicationId" = $1`, [
      applicationId,
    ]),
  ).toEqual([{ status: "AWAITING_COUNTY", kinds: ["BUDGET"] }]);

  // 进度报告: the first quarter is overdue; one payment goes to a payee outside the project.
  // The plan page's title leads back to the project page, which links to the reports.
  await page.getByRole("link", { name: MONITORED_PROJECT_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/programmes/applications/${applicationId}$`));
  await page.getByRole("link", { name: "进度报告与实地核查" }).click();
  await expect(page.getByText(/第 1 期 · .* 已逾期 \d+ 天/)).toBeVisible();
  await page.getByRole("link", { name: "提交第 1 期进度报告" }).click();
  await page.getByLabel("进展情况").fill("灭菌设备已安装调试，完成两批菌棒试产，培训农户 18 户。");
  await page.getByLabel("第 1 笔 · 科目").selectOption({ label: "设备费" });
  await page.getByLabel("金额（元）").nth(0).fill("20000");
  await page.getByLabel("收款方", { exact: true }).nth(0).fill("洛阳食用菌机械厂");
  await page.getByLabel("收款方类型").nth(0).selectOption({ label: "供应商" });
  await page.getByLabel("第 2 笔 · 科目").selectOption({ label: "材料费" });
  await page.getByLabel("金额（元）").nth(1).fill("3000");
  await page.getByLabel("收款方", { exact: true }).nth(1).fill("李四农资经销部");
  await page.getByLabel("收款方类型").nth(1).selectOption({ label: "其他" });
  await page.getByRole("button", { name: "提交进度报告" }).click();
  await expect(page.getByRole("status")).toHaveText("进度报告已提交");
  await expect(page.getByText(/李四农资经销部/)).toBeVisible();
  expect(
    await rows(`SELECT f.rule, f.status FROM "MonitoringFlag" f WHERE f."applicationId" = $1`, [
      applicationId,
    ]),
  ).toEqual([{ rule: "UNKNOWN_PAYEE", status: "OPEN" }]);
  expect(
    await rows(
      `SELECT count(*)::int AS n FROM "ProgressSpending" s JOIN "ProgressReport" r ON r.id = s."reportId"
      WHERE r."applicationId" = $1`,
      [applicationId],
    ),
  ).toEqual([{ n: 2 }]);

  // The county officer sees the flag of their county, and cannot decide it.
  const county = await phone(browser, "COUNTY");
  await county.goto("/bureau/monitoring");
  await expect(
    county
      .getByRole("heading", { name: "待您签署的变更申请" })
      .locator("..")
      .getByRole("link", { name: MONITORED_PROJECT_TITLE }),
  ).toBeVisible();
  const countyFlag = county
    .getByRole("article", { name: "收款方不在项目范围内" })
    .filter({ hasText: "李四农资经销部" });
  await expect(countyFlag).toBeVisible();
  await expect(countyFlag.getByRole("button", { name: "确认" })).toHaveCount(0);

  // The city science bureau confirms it and goes on to the sanctions for the project.
  const bureau = await phone(browser, "BUREAU");
  await bureau.goto("/bureau");
  await bureau.getByRole("link", { name: /资金监管预警/ }).click();
  const flag = bureau
    .getByRole("article", { name: "收款方不在项目范围内" })
    .filter({ hasText: "李四农资经销部" });
  await flag.getByLabel("处理意见").fill("收款方与项目无关，款项去向不明");
  await flag.getByRole("button", { name: "确认" }).click();
  await expect(bureau).toHaveURL(
    new RegExp(`/bureau/sanctions/new\\?application=${applicationId}&flag=\\w+$`),
  );
  // The sanction starts from what the flag found; the officer may change the reason.
  await expect(bureau.locator("form#sanction-suspend").getByLabel("原因")).toHaveValue(
    "资金监管预警经核实：收款方不在项目范围内。",
  );
  expect(
    await rows(`SELECT status, resolution FROM "MonitoringFlag" WHERE "applicationId" = $1`, [applicationId]),
  ).toEqual([{ status: "CONFIRMED", resolution: "收款方与项目无关，款项去向不明" }]);
});
