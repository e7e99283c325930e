import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { acceptAndPropose, applyAsExpert, fillNeed } from "../e2e/helpers";
import { query } from "./field";

/*
 * The steps of an agreement's life that the field suite does not tap, on an open link: they bring
 * the agreement to where the tapped step starts.
 */

export const lastSegment = (url: string) => new URL(url).pathname.split("/").pop()!;

/** The cooperative posts a need and the expert applies to it for ¥8,000; the need's address. */
export async function needWithApplication(coop: Page, expert: Page, title: string): Promise<string> {
  await coop.goto("/needs/new");
  await fillNeed(coop, title);
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByRole("status")).toHaveText("需求已发布");
  const needUrl = coop.url();
  await applyAsExpert(expert, title, "8000");
  return needUrl;
}

/** The poster accepts the application, drafts the agreement and sends it; the agreement's address. */
export async function proposedAgreement(coop: Page, needUrl: string): Promise<string> {
  await coop.goto(`${needUrl}/applications`);
  return acceptAndPropose(coop);
}

/** Opens the signing page with the password typed in; what is left is to tap 确认签署. */
export async function readyToSign(page: Page, agreementUrl: string) {
  await page.goto(agreementUrl);
  await page.getByRole("link", { name: "阅读并签署" }).click();
  await page.getByLabel("登录密码").fill(DEMO_PASSWORD);
}

/** The agreement's only milestone and the wallet its payer pays from. */
export async function milestoneOf(agreementUrl: string) {
  const [row] = await query<{ milestoneId: string; payerWallet: string }>(
    `SELECT m.id AS "milestoneId", 'wallet:org:' || a."payerOrganisationId" AS "payerWallet"
     FROM "Milestone" m JOIN "Agreement" a ON a.id = m."agreementId" WHERE a.id = $1`,
    [lastSegment(agreementUrl)],
  );
  return row!;
}

/** Platform staff record a bank transfer of `yuan` into a wallet. */
export async function deposit(admin: Page, walletId: string, yuan: string) {
  await admin.goto("/admin/finance");
  await admin.getByLabel("收款钱包编号").fill(walletId);
  await admin.getByLabel("到账金额（元）").fill(yuan);
  await admin.getByLabel("银行流水号").fill(`NYYH${Date.now()}`);
  await admin.getByLabel("付款户名").fill("栾川县协心香菇专业合作社");
  await admin.getByRole("button", { name: "登记入账" }).click();
  await expect(admin.getByRole("status")).toHaveText("已登记入账");
}

/**
 * An agreement whose only milestone is delivered, on an open link and with JavaScript: the
 * cooperative posts a need, the expert applies, both sign, staff credit the milestone's amount to
 * the cooperative's wallet, it pays into escrow and the expert delivers. The agreement's address.
 */
export async function deliveredAgreement(coop: Page, expert: Page, admin: Page, title: string) {
  const needUrl = await needWithApplication(coop, expert, title);
  const agreementUrl = await proposedAgreement(coop, needUrl);
  for (const [page, toast] of [
    [coop, "您已签署，等待对方签署"],
    [expert, "双方已签署，协议生效"],
  ] as const) {
    await readyToSign(page, agreementUrl);
    await page.getByRole("button", { name: "确认签署" }).click();
    await expect(page.getByRole("status")).toHaveText(toast);
  }
  const { milestoneId, payerWallet } = await milestoneOf(agreementUrl);
  const [milestone] = await query<{ amountFen: number }>(
    `SELECT "amountFen" FROM "Milestone" WHERE id = $1`,
    [milestoneId],
  );
  await deposit(admin, payerWallet, String(milestone!.amountFen / 100));
  await coop.goto(agreementUrl);
  await coop.getByRole("button", { name: /^托管/ }).click();
  await expect(coop.getByRole("status")).toHaveText("款项已托管");
  await expert.goto(agreementUrl);
  await expert.getByLabel("成果说明").fill("已到牛场指导青贮窖制作，编写了青贮制作规程和冬季日粮配方。");
  await expert.getByRole("button", { name: "提交成果" }).click();
  await expect(expert.getByRole("status")).toHaveText("成果已提交，等待验收");
  return agreementUrl;
}

/** Fills the withdrawal form of /wallet; the bank account number tells this request apart. */
export async function fillWithdrawal(page: Page, walletId: string, yuan: string, accountNumber: string) {
  await page.goto("/wallet");
  await page.getByLabel("从哪个钱包提现").selectOption(walletId);
  await page.getByLabel("提现金额（元）").fill(yuan);
  await page.getByLabel("开户银行").fill("中国农业银行栾川支行");
  await page.getByLabel("户名").fill("赵大山");
  await page.getByLabel("银行卡号").fill(accountNumber);
}

/** Fills the review form: the same score on every criterion and overall, and a text. */
export async function fillReview(page: Page, agreementUrl: string, score: string, text: string) {
  await page.goto(`${agreementUrl}/review`);
  const form = page.locator("form#review");
  for (const group of await form.getByRole("group").all())
    await group.getByLabel(score, { exact: true }).check();
  await form.getByLabel("评价内容").fill(text);
  return form;
}
