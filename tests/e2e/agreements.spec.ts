import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { acceptAndPropose, applyAsExpert, fillNeed, logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

async function sign(page: Page) {
  await page.getByRole("link", { name: "阅读并签署" }).click();
  await page.getByLabel("登录密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "确认签署" }).click();
}

test("cooperative and expert sign a technology contract; money goes wallet → escrow → the expert's university, and both statements agree", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `肉牛青贮饲料技术承包 ${Date.now() % 100000}`;
  const coop = await (await browser.newContext()).newPage();
  const expert = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();

  // The demo cooperative posts a need; the demo expert applies; the cooperative accepts.
  await logInAs(coop, login("VILLAGE"), DEMO_PASSWORD);
  await coop.goto("/needs/new");
  await fillNeed(coop, title);
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByRole("status")).toHaveText("需求已发布");
  await logInAs(expert, login("EXPERT"), DEMO_PASSWORD);
  await applyAsExpert(expert, title, "8000");
  await coop.getByRole("link", { name: /查看申请/ }).click();

  // The cooperative drafts the agreement from the application and sends it for signature.
  const agreementUrl = await acceptAndPropose(coop);

  // Both sign with their password; the agreement is in force.
  await sign(coop);
  await expect(coop.getByRole("status")).toHaveText("您已签署，等待对方签署");
  await expert.goto(agreementUrl);
  await sign(expert);
  await expect(expert.getByRole("status")).toHaveText("双方已签署，协议生效");

  // Platform staff record the cooperative's bank transfer into its wallet.
  await coop.goto("/wallet");
  const walletId = (await coop
    .getByText(/wallet:org:\S+/)
    .first()
    .textContent())!.match(/wallet:org:[^\s。，]+/)![0];
  await logInAs(admin, login("ADMIN"), DEMO_PASSWORD);
  await admin.goto("/admin/finance");
  await admin.getByLabel("收款钱包编号").fill(walletId);
  await admin.getByLabel("到账金额（元）").fill("8000");
  await admin.getByLabel("银行流水号").fill(`NYYH${Date.now()}`);
  await admin.getByLabel("付款户名").fill("栾川县协心香菇专业合作社");
  await admin.getByRole("button", { name: "登记入账" }).click();
  await expect(admin.getByRole("status")).toHaveText("已登记入账");

  // The cooperative funds the milestone; the expert delivers; the cooperative accepts.
  await coop.goto(agreementUrl);
  await coop.getByRole("button", { name: /^托管/ }).click();
  await expect(coop.getByRole("status")).toHaveText("款项已托管");
  await expert.goto(agreementUrl);
  await expert
    .getByLabel("成果说明")
    .fill("已到牛场指导青贮窖制作，编写了青贮制作规程和冬季日粮配方，培训饲养员 12 人。");
  await expert.getByRole("button", { name: "提交成果" }).click();
  await expect(expert.getByRole("status")).toHaveText("成果已提交，等待验收");
  // The head has the agreement open in two tabs and accepts in both at once: the money moves once,
  // and neither tab is told it failed (the one that lost the race sees the milestone paid).
  const secondTab = await coop.context().newPage();
  await Promise.all([coop.goto(agreementUrl), secondTab.goto(agreementUrl)]);
  await Promise.all(
    [coop, secondTab].map((tab) => tab.getByRole("button", { name: "验收通过并付款" }).click()),
  );
  await expect(coop.getByText("已付款").first()).toBeVisible();
  await expect(secondTab.getByText("已付款").first()).toBeVisible();
  for (const tab of [coop, secondTab]) {
    await expect(tab.getByText("这个里程碑当前的状态不能进行此操作")).toHaveCount(0);
  }
  await secondTab.close();
  await coop.goto(agreementUrl);

  // Statements: the cooperative's wallet took ¥8,000 in and sent it to escrow (balance 0, newest
  // line first); the expert's wallet received ¥8,000.
  await coop.goto("/wallet");
  await coop
    .getByRole("listitem")
    .filter({ hasText: "栾川县协心香菇专业合作社" })
    .getByRole("link", { name: "查看明细" })
    .click();
  await expect(coop.getByRole("heading", { level: 1 })).toContainText("栾川县协心香菇专业合作社");
  const coopLines = coop.getByRole("main").getByRole("list").last().getByRole("listitem");
  await expect(coopLines.first()).toContainText("里程碑托管");
  await expect(coopLines.first()).toContainText("−¥8,000");
  await expect(coopLines.first()).toContainText("¥0");
  await expect(coop.getByRole("main").getByRole("list").last()).toContainText("线下转账充值");
  // The agreement names the expert's university as 乙方: the money lands in its wallet, which its
  // finance member reads, not in the expert's own.
  await expert.goto("/wallet");
  await expect(expert.getByRole("main")).not.toContainText("河南科技大学");
  const university = await (await browser.newContext()).newPage();
  await logInAs(university, login("INSTITUTION"), DEMO_PASSWORD);
  await university.goto("/wallet");
  await university
    .getByRole("listitem")
    .filter({ hasText: "河南科技大学" })
    .getByRole("link", { name: "查看明细" })
    .click();
  const universityLines = university.getByRole("main").getByRole("list").last().getByRole("listitem");
  await expect(universityLines.first()).toContainText("里程碑付款");
  await expect(universityLines.first()).toContainText("+¥8,000");
});
