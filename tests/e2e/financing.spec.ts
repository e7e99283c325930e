import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs, registerCooperative, uniqueMobile } from "./helpers";

/** One query against the app's own database: what reached it, not what the page says. */
async function rows<T>(sql: string, params: unknown[]): Promise<T[]> {
  const url = readFileSync(path.join(process.env.E2E_DATA_DIR!, "database-url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function registerBank(page: Page, mobile: string, name: string) {
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "高校 / 科研院所 / 企业" });
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("姓名或称呼").fill("钱信贷");
  await page.getByLabel("密码", { exact: true }).fill("loan-officer-2026");
  await page.getByLabel("再次输入密码").fill("loan-officer-2026");
  await page.getByLabel("所在县区 (选填)").selectOption({ label: "嵩县" });
  await page.getByLabel("组织名称").fill(name);
  await page.getByLabel("组织类型").selectOption({ label: "金融机构" });
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
}

test("a cooperative finances its dryer with a bank's loan, and the dashboard counts it once the bank confirms", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = uniqueMobile().slice(-4);
  const coopName = `嵩县香菇合作社${suffix}`;
  const bankName = `嵩县农商银行${suffix}`;
  const use = `购置香菇烘干设备 ${suffix}`;

  const coop = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await registerCooperative(coop, uniqueMobile(), coopName);
  await coop.goto("/financing");
  await coop.getByRole("link", { name: "发布融资需求" }).click();
  // A refusal names the field, in Chinese, and keeps the form.
  await coop.getByLabel("融资金额（元）").fill("0");
  await coop.getByRole("button", { name: "发布融资需求" }).click();
  await expect(coop.getByText("请填写大于 0、不超过 1 亿元的金额，最多两位小数")).toBeVisible();
  await coop.getByLabel("融资金额（元）").fill("300000");
  await coop.getByLabel("资金用途").fill(use);
  await coop.getByLabel("期限（月）").fill("24");
  await coop.getByLabel("抵押担保方式").selectOption({ label: "农机设备抵押" });
  await coop.getByLabel("所在县区").selectOption({ label: "嵩县" });
  await coop.getByRole("button", { name: "发布融资需求" }).click();
  await expect(coop.getByRole("status")).toHaveText("融资需求已发布，金融机构会收到并给出方案。");
  const needUrl = coop.url();
  const [need] = await rows<{ id: string; amountFen: number; status: string }>(
    `SELECT id, "amountFen", status FROM "FinancingNeed" WHERE "use" = $1`,
    [use],
  );
  expect(need).toMatchObject({ amountFen: 30_000_000, status: "OPEN" });

  const bank = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await registerBank(bank, uniqueMobile(), bankName);
  await bank.goto("/financing");
  await bank.getByRole("link", { name: new RegExp(use) }).click();
  // Before acceptance the cooperative's phone is masked for the bank.
  await expect(bank.getByTestId("financing-contact")).toContainText("接受方案后");
  await bank.getByLabel("产品类型").selectOption({ label: "贷款" });
  await bank.getByLabel("融资金额（元）").fill("300000");
  await bank.getByLabel("年利率或费率（%）").fill("4.35");
  await bank.getByRole("button", { name: "提交方案" }).click();
  await expect(bank.getByRole("status")).toHaveText("方案已提交，需求方会收到通知。");
  expect(
    await rows(
      `SELECT 1 FROM "FinancingOffer" WHERE "needId" = $1 AND "rateBp" = 435 AND status = 'OFFERED'`,
      [need!.id],
    ),
  ).toHaveLength(1);

  await coop.goto(needUrl);
  const offer = coop.getByTestId("financing-offer").filter({ hasText: bankName });
  await expect(offer).toContainText("年利率 4.35%");
  await offer.getByRole("button", { name: "接受这个方案" }).click();
  await expect(coop.getByRole("status")).toHaveText("已接受方案，金融机构会收到通知并与您联系。");
  await expect(coop.getByTestId("financing-offer")).toContainText("已接受");

  await coop.getByLabel("融资结果类型").selectOption({ label: "贷款" });
  await coop.getByLabel("融资金额（元）").fill("300000");
  await coop.getByRole("button", { name: "登记融资结果" }).click();
  await expect(coop.getByRole("status")).toHaveText("已登记，等待金融机构确认。");
  await expect(coop.getByTestId("financing-outcome")).toContainText("待金融机构确认");
  // The need's page fits the phone: nothing wider than its 375 px.
  expect(await coop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await bank.goto(needUrl);
  await expect(bank.getByTestId("financing-contact")).not.toContainText("接受方案后");
  await bank.getByRole("button", { name: "确认无误" }).click();
  await expect(bank.getByRole("status")).toHaveText("已确认，这笔资金计入撬动的社会资金。");
  const [outcome] = await rows<{ status: string; amountFen: number }>(
    `SELECT status, "amountFen" FROM "FinancingOutcome" WHERE "needId" = $1`,
    [need!.id],
  );
  expect(outcome).toEqual({ status: "CONFIRMED", amountFen: 30_000_000 });

  const bureau = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await logInAs(bureau, DEMO_ACCOUNTS.find((account) => account.role === "BUREAU")!.login, DEMO_PASSWORD);
  await bureau.goto("/bureau/dashboard?countyCode=410325");
  await expect(bureau.getByTestId("financing-mobilised")).toHaveText("¥300,000");
});
