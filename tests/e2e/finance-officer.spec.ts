import { expect, test, type Browser } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

const bureauLogin = DEMO_ACCOUNTS.find((account) => account.role === "BUREAU")!.login;
const financeLogin = DEMO_ACCOUNTS.find((account) => account.role === "FINANCE")!.login;
/** The demo's approved Star Innovation Space grant (app/modules/demo/seed-cosign.server.ts). */
const GRANT = "嵩县星创天地农产品检测平台建设";

async function signedIn(browser: Browser, login: string, viewport = { width: 1280, height: 900 }) {
  const page = await (await browser.newContext({ locale: "zh-CN", viewport })).newPage();
  await logInAs(page, login, DEMO_PASSWORD);
  return page;
}

test("the science bureau proposes a payment, the finance bureau co-signs it, and the ledger moves once", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const bureau = await signedIn(browser, bureauLogin);
  const finance = await signedIn(browser, financeLogin);

  // The science bureau proposes ¥20,000 of the grant; nothing is paid yet.
  await bureau.goto("/bureau/finance");
  await bureau.getByRole("link", { name: GRANT }).first().click();
  await expect(bureau.getByText("可申请余额 ¥60,000")).toBeVisible();
  await bureau.getByLabel("拨付金额（元，留空则为可申请的全部余额）").fill("20000");
  await bureau.getByLabel("说明（可选）").fill("二期拨付，用于线上服务平台");
  await bureau.getByRole("button", { name: "提交拨付申请" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已提交拨付申请 ¥20,000，等待财政会签。");
  await expect(bureau.getByRole("main")).toContainText("待财政会签");

  // The finance officer finds it in the queue and signs it with a double tap.
  await finance.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "财政会签" }).click();
  await expect(finance.getByRole("main")).toContainText("拨付 ¥20,000");
  await finance.getByRole("link", { name: GRANT }).first().click();
  const proposal = finance.getByRole("listitem").filter({ hasText: "二期拨付，用于线上服务平台" });
  await proposal.getByRole("button", { name: "会签并拨付" }).dblclick();
  await expect(finance.getByRole("status")).toHaveText("已会签，拨付 ¥20,000。");
  await expect(proposal).toContainText("财政已会签并拨付");
  // The seeded first instalment still waits for its own signature.
  await expect(
    finance.getByRole("listitem").filter({ hasText: "首期拨付" }).getByRole("button", { name: "会签并拨付" }),
  ).toBeVisible();

  // The programme account's statement shows exactly one payment out, of ¥20,000.
  await finance.goto("/bureau/finance");
  const account = finance.getByRole("row").filter({ hasText: "星创天地" });
  await account.getByRole("link", { name: "账户流水" }).click();
  const lines = finance.getByRole("main").getByRole("listitem");
  await expect(lines.filter({ hasText: "项目资金拨付" })).toHaveCount(1);
  await expect(lines.filter({ hasText: "项目资金拨付" })).toContainText("−¥20,000");

  // The science bureau sees who signed it.
  await bureau.reload();
  await expect(bureau.getByRole("listitem").filter({ hasText: "二期拨付，用于线上服务平台" })).toContainText(
    "钱芳",
  );

  // On a phone the finance desk fits the screen: the accounts table scrolls inside its card.
  const phone = await signedIn(browser, financeLogin, { width: 360, height: 740 });
  await phone.goto("/bureau/finance");
  await expect(phone.getByRole("heading", { name: "待财政会签" })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
