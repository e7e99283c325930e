import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs, registerVerifiedCooperative } from "./helpers";

const [bureauLogin, reviewerLogin] = DEMO_ACCOUNTS.filter((account) => account.role === "BUREAU").map(
  (account) => account.login,
);

const financeLogin = DEMO_ACCOUNTS.find((account) => account.role === "ADMIN")?.login;
const financeBureauLogin = DEMO_ACCOUNTS.find((account) => account.role === "FINANCE")?.login;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  return context.newPage();
}

/** Asks for a withdrawal on /wallet; the bank account number tells the requests apart. */
async function withdraw(page: Page, walletId: string, yuan: string, accountNumber: string) {
  await page.goto("/wallet");
  await page.getByLabel("从哪个钱包提现").selectOption(walletId);
  await page.getByLabel("提现金额（元）").fill(yuan);
  await page.getByLabel("开户银行").fill("中国农业银行嵩县支行");
  await page.getByLabel("户名").fill("协心香菇专业合作社");
  await page.getByLabel("银行卡号").fill(accountNumber);
  await page.getByRole("button", { name: "提交提现申请" }).click();
}

test("a post-subsidy programme from call to claw-back, and the ban that follows", async ({ browser }) => {
  test.setTimeout(240_000);
  const bureau = await newPage(browser);
  const reviewer = await newPage(browser);
  const coop = await newPage(browser);
  await logInAs(bureau, bureauLogin!, DEMO_PASSWORD);
  await logInAs(reviewer, reviewerLogin!, DEMO_PASSWORD);
  const { name: coopName } = await registerVerifiedCooperative(coop, bureau);
  const suffix = coopName.slice(-4);
  const programmeTitle = `香菇产业后补助试点 ${suffix}`;

  // The bureau writes the call and publishes it: the budget moves into the programme's account.
  await bureau.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "监管" }).click();
  await bureau
    .getByRole("main")
    .getByRole("link", { name: /^项目资助/ })
    .click();
  await bureau.getByRole("link", { name: "新建项目" }).click();
  await bureau.getByLabel("项目类型").selectOption({ label: "后补助" });
  await bureau.getByLabel("年度").fill("2026");
  await bureau.getByLabel("项目名称").fill(programmeTitle);
  await bureau.getByLabel("项目说明").fill("对已完成的香菇种植技术推广项目，经绩效考评合格后给予后补助。");
  await bureau.getByLabel("总预算（元）").fill("200000");
  await bureau.getByLabel("单个项目最高资助（元，可选）").fill("80000");
  await bureau.getByLabel("申报截止").fill("2099-12-31");
  await bureau.getByRole("group", { name: "组织类型" }).getByLabel("农民专业合作社").check();
  await bureau.getByRole("button", { name: "保存草稿" }).click();
  await expect(bureau.getByRole("status")).toHaveText("项目已保存为草稿。");
  await bureau.getByRole("button", { name: "发布并划入预算" }).click();
  await expect(bureau.getByRole("status")).toHaveText("项目已发布，预算已划入项目账户。");
  const programmeUrl = bureau.url();

  // The cooperative applies.
  await coop.goto("/programmes");
  await coop.getByRole("link", { name: programmeTitle }).click();
  await expect(coop.getByText(`${coopName} 符合申报条件。`)).toBeVisible();
  await coop.getByRole("link", { name: "申报", exact: true }).click();
  await coop.getByLabel("项目名称").fill("协心村香菇菌棒标准化生产推广");
  await coop
    .getByLabel("项目简介")
    .fill("推广菌棒灭菌、接种和发菌标准化流程，培训 40 户农户，降低菌棒污染率。");
  await coop.getByLabel("实施县区").selectOption({ label: "嵩县" });
  await coop.getByLabel("产业").selectOption({ label: "种植" });
  await coop.getByLabel("申请金额（元）").fill("60000");
  await coop.getByLabel("设备费").fill("60000");
  await coop.getByRole("button", { name: "提交申报" }).click();
  await expect(coop.getByRole("status")).toHaveText("申报已提交。");
  const applicationUrl = coop.url();
  const applicationId = applicationUrl.split("/").at(-1)!;

  // Two reviewers score it; then the bureau approves.
  for (const [page, score] of [
    [bureau, "85"],
    [reviewer, "78"],
  ] as const) {
    await page.goto(`/bureau/programmes/applications/${applicationId}`);
    await page.getByLabel("评分（0–100）").fill(score);
    await page.getByLabel("评审意见").fill("技术路线清楚，带动农户明确。");
    await page.getByLabel("本人与申报单位、申报人及关联合同各方无利益冲突").check();
    await page.getByRole("button", { name: "提交评分" }).click();
    await expect(page.getByRole("status")).toHaveText("评审意见已记录。");
  }
  await bureau.reload();
  await expect(bureau.getByText("已有 2 份评分（需要 2 份）")).toBeVisible();
  await bureau.getByLabel("批准金额（元）").fill("50000");
  await bureau.getByRole("button", { name: "批准", exact: true }).click();
  await expect(bureau.getByRole("status")).toHaveText("决定已记录。");

  // A post-subsidy is paid after evaluation: before it the page says so and offers no 拨付.
  await expect(bureau.getByText("后补助须在结题并考评合格后才能拨付")).toBeVisible();
  await expect(bureau.getByRole("button", { name: "提交拨付申请" })).toHaveCount(0);

  // The cooperative reports completion with its figures.
  await coop.goto(applicationUrl);
  await expect(coop.getByText("已批准", { exact: true })).toBeVisible();
  await coop.getByLabel("培训农民（人）").fill("42");
  await coop.getByLabel("户均年收入变化（元，可为负）").fill("3800");
  await coop.getByLabel("带动就业（人）").fill("6");
  await coop.getByLabel("销售额（元）").fill("860000");
  await coop.getByLabel("面积（亩，可选）").fill("35");
  await coop.getByLabel("项目简介").fill("菌棒污染率由 32% 降到 6%，42 户农户掌握标准化流程。");
  await coop.getByRole("button", { name: "提交结题报告" }).click();
  await expect(coop.getByRole("status")).toHaveText("结题报告已提交。");

  // The science bureau evaluates and the finance bureau agrees (decision 037: joint evaluation);
  // until then nothing may be paid.
  await bureau.reload();
  await bureau.getByLabel("评分（0–100）").fill("88");
  await bureau.getByLabel("考评意见").fill("目标全部完成，推广价值高。");
  await bureau.getByLabel("列入表彰推广名单").check();
  await bureau.getByRole("button", { name: "提交考评" }).click();
  await expect(bureau.getByRole("status")).toHaveText("考评已提交，等待财政局意见。");
  await expect(bureau.getByRole("button", { name: "提交拨付申请" })).toHaveCount(0);
  const financeBureau = await newPage(browser);
  await logInAs(financeBureau, financeBureauLogin!, DEMO_PASSWORD);
  await financeBureau.goto(`/bureau/finance/applications/${applicationId}`);
  const agree = financeBureau.locator("#agree");
  await agree.getByLabel("同意意见（资金使用情况）").fill("资金按计划用于菌棒生产线和培训，同意。");
  await agree.getByRole("button", { name: "同意考评" }).click();
  await expect(financeBureau.getByRole("status")).toHaveText("已同意考评，考评生效。");

  // Then pays in two signatures: the science bureau proposes, the finance bureau signs, and only
  // then does the money leave the programme's account.
  await bureau.reload();
  await bureau.getByRole("button", { name: "提交拨付申请" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已提交拨付申请 ¥50,000，等待财政会签。");
  await financeBureau.reload();
  await financeBureau.getByRole("button", { name: "会签并拨付" }).click();
  await expect(financeBureau.getByRole("status")).toHaveText("已会签，拨付 ¥50,000。");
  await bureau.goto(programmeUrl);
  await expect(bureau.getByRole("main")).toContainText("¥150,000");

  // The disbursement is on the cooperative's statement.
  await coop.goto("/wallet");
  const coopWallet = coop
    .getByRole("listitem")
    .filter({ has: coop.getByRole("heading", { name: coopName }) });
  await expect(coopWallet).toContainText("¥50,000");
  await coopWallet.getByRole("link", { name: "查看明细" }).click();
  await expect(coop.getByRole("main")).toContainText("项目资金拨付");

  // The cooperative withdraws twice: the platform's finance desk pays the first; the second is
  // still held, with the desk's page open, when the bureau claws back more than the wallet holds.
  const walletId = decodeURIComponent(new URL(coop.url()).pathname.split("/").at(-1)!);
  const finance = await newPage(browser);
  await logInAs(finance, financeLogin!, DEMO_PASSWORD);
  const pendingFor = (amount: string) =>
    finance
      .getByRole("listitem")
      .filter({ hasText: coopName })
      .filter({ hasText: amount })
      .filter({ has: finance.getByRole("button", { name: "已付款" }) });
  await withdraw(coop, walletId, "20000", `62284800${suffix}0001`);
  await expect(coop.getByRole("status")).toHaveText("提现申请已提交，款项已冻结，等待平台付款");
  await finance.goto("/admin/finance");
  await pendingFor("¥20,000").getByLabel("付款流水号").fill(`BANK${suffix}01`);
  await pendingFor("¥20,000").getByRole("button", { name: "已付款" }).click();
  await expect(finance.getByRole("status")).toHaveText("已标记为已付款");
  await withdraw(coop, walletId, "25000", `62284800${suffix}0002`);
  await expect(coop.getByRole("status")).toHaveText("提现申请已提交，款项已冻结，等待平台付款");
  await finance.goto("/admin/finance");
  const held = pendingFor("¥25,000");
  await held.getByLabel("付款流水号").fill(`BANK${suffix}02`);

  // A sanction claws back ¥40,000: the ¥5,000 available and the ¥25,000 held are taken at once,
  // and ¥10,000 is owed.
  await bureau.goto(`/bureau/programmes/applications/${applicationId}`);
  await bureau.getByRole("link", { name: "处理（停拨 / 追缴 / 限制）" }).click();
  const clawback = bureau.locator("#sanction-clawback");
  await clawback.getByLabel("追缴金额（元）").fill("40000");
  await clawback.getByLabel("原因").fill("部分资金挪用于非项目支出");
  await clawback.getByRole("button", { name: "追缴资金" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已记录追缴");

  // The desk, still showing the held withdrawal, cannot pay it out: it is told why.
  await held.getByRole("button", { name: "已付款" }).click();
  await expect(finance.getByText("这笔提现款已被追缴，不能付款。请不要向银行汇出这笔钱")).toBeVisible();
  await finance.goto("/admin/finance");
  await expect(finance.getByRole("listitem").filter({ hasText: coopName })).toHaveCount(0);

  // The cooperative hears what was demanded, collected and is still owed; its wallet and
  // statement show the debt, and a new withdrawal is refused with the reason.
  await coop.goto("/notifications");
  await expect(coop.getByRole("main")).toContainText(
    "被要求追缴 ¥40,000（部分资金挪用于非项目支出）：已从您的账户收回 ¥30,000，尚欠 ¥10,000。",
  );
  await coop.goto("/wallet");
  await expect(coopWallet).toContainText("尚欠追缴款 ¥10,000");
  await withdraw(coop, walletId, "1", `62284800${suffix}0003`);
  await expect(coop.getByText("该钱包尚欠追缴款，还清之前不能提现或付款")).toBeVisible();
  await coop.goto("/wallet");
  await coopWallet.getByRole("link", { name: "查看明细" }).click();
  await expect(coop.getByRole("heading", { name: "账户明细" })).toBeVisible();
  await expect(coop.getByRole("main")).toContainText("尚欠追缴款 ¥10,000");
  await expect(coop.getByRole("main")).toContainText("冻结中的提现款已被追缴：退回钱包后用于缴还");

  // And bans the cooperative for three years.
  await bureau.goto(`/bureau/sanctions/new?application=${applicationId}`);
  const ban = bureau.locator("#sanction-ban");
  await ban.getByLabel(`限制组织：${coopName}`).check();
  await ban.getByLabel("原因").fill("挪用专项资金");
  await ban.getByRole("button", { name: "限制3年内承担项目" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已限制，3 年后自动到期");

  // The ban shows on the programme page with its reason and end date, and no apply button.
  await coop.goto(programmeUrl.replace("/bureau", ""));
  await expect(
    coop.getByText(
      new RegExp(`${coopName} 因“挪用专项资金”被列入限制名单，\\d{4}-\\d{2}-\\d{2} 前不得申报。`),
    ),
  ).toBeVisible();
  await expect(coop.getByText(`${coopName} 符合申报条件。`)).toHaveCount(0);
  await expect(coop.getByRole("link", { name: "申报", exact: true })).toHaveCount(0);
});
