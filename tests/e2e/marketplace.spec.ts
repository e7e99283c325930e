import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import sharp from "sharp";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import {
  applyAsExpert,
  fillNeed,
  logInAs,
  registerCooperative,
  syntheticCreditCode,
  uniqueMobile,
} from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

async function photoFile(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "xiangke-e2e-")), "cattle.jpg");
  writeFileSync(
    file,
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#8b6f47" } })
      .jpeg()
      .toBuffer(),
  );
  return file;
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 412, height: 915 } });
  return context.newPage();
}

test("a new cooperative posts a need with a photo, is verified, an expert applies and is accepted", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const coop = await newPage(browser);
  const mobile = uniqueMobile();
  const coopName = `嵩县肉牛养殖专业合作社${mobile.slice(-4)}`;
  const title = `肉牛青贮饲料霉变防治 ${mobile.slice(-4)}`;

  // Unverified: the need is kept as a draft and the cooperative is told why.
  await registerCooperative(coop, mobile, coopName);
  await coop.getByRole("link", { name: "工作台" }).click();
  await coop.getByRole("link", { name: "发布需求" }).click();
  await fillNeed(coop, title, await photoFile());
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByRole("status")).toHaveText("认证通过后才能发布；您可以先保存草稿");
  await expect(coop.getByText("这是草稿，只有您和您的组织能看到。")).toBeVisible();
  await expect(coop.getByRole("img", { name: "需求照片 1" })).toBeVisible();

  // The cooperative asks for verification.
  await coop.goto("/account/verification");
  await coop
    .getByRole("region", { name: "组织认证" })
    .getByRole("listitem")
    .filter({ hasText: coopName })
    .getByRole("link", { name: "申请认证" })
    .click();
  await coop.getByLabel("统一社会信用代码").fill(syntheticCreditCode());
  await coop.getByLabel("法定代表人 / 负责人").fill("赵大山");
  await coop.getByLabel("联系人", { exact: true }).fill("赵大山");
  await coop.getByLabel("联系人手机号").fill(mobile);
  await coop.getByLabel("情况说明").fill("合作社成立于 2018 年，养殖西门塔尔肉牛，带动 32 户农户。");
  await coop.getByRole("button", { name: "提交认证申请" }).click();
  await expect(coop.getByRole("status")).toHaveText("认证申请已提交，请等待市科技局审核");

  // The bureau approves it.
  const bureau = await newPage(browser);
  await logInAs(bureau, login("BUREAU"), DEMO_PASSWORD);
  await bureau.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "监管" }).click();
  await bureau
    .getByRole("main")
    .getByRole("link", { name: /^认证审核/ })
    .click();
  await bureau
    .getByRole("listitem")
    .filter({ hasText: coopName })
    .getByRole("link", { name: "审核" })
    .click();
  await bureau.getByRole("button", { name: "通过认证" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已通过认证");

  // The cooperative sees the notification and publishes.
  await coop.goto("/notifications");
  await expect(coop.getByText(`${coopName} 已通过认证`)).toBeVisible();
  await coop.goto("/workspace");
  await coop.getByRole("link", { name: title }).click();
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByRole("status")).toHaveText("需求已发布");

  // A verified expert applies; the cooperative's badge updates live.
  const expert = await newPage(browser);
  await logInAs(expert, login("EXPERT"), DEMO_PASSWORD);
  await coop.goto("/workspace");
  // The verification was seen when the list was opened, so nothing is unread; the application
  // must arrive without a reload.
  await expect(coop.getByRole("link", { name: "通知", exact: true })).toBeVisible();
  await applyAsExpert(expert, title, "9800");
  await expect(coop.getByRole("link", { name: "通知，1 条未读" })).toBeVisible();
  await expect(coop.getByRole("log", { name: "新通知" })).toContainText(
    `张明 教授 申请了您的需求「${title}」`,
  );

  // The cooperative shortlists, then accepts.
  await coop.getByRole("link", { name: title }).click();
  await coop.getByRole("link", { name: /查看申请/ }).click();
  await expect(coop.getByText("¥9,800 · 技术承包")).toBeVisible();
  await coop.getByRole("button", { name: "列入候选" }).click();
  await expect(coop.getByRole("status")).toHaveText("已列入候选");
  await coop.getByLabel("给申请人的话（选填）").fill("请下周二上午到合作社");
  await coop.getByRole("button", { name: "接受" }).click();
  await expect(coop.getByRole("status")).toHaveText("已接受申请，需求进入对接");
  await coop.getByRole("link", { name: title }).click();
  await expect(coop.getByText("对接中").first()).toBeVisible();

  // The expert sees the decision in the notifications and on the need.
  await expert.goto("/notifications");
  await expect(expert.getByText(`您对「${title}」的申请已被接受`)).toBeVisible();
  await expect(expert.getByText(`您对「${title}」的申请已进入候选`)).toBeVisible();
  await expert.goto("/workspace");
  await expect(expert.getByRole("listitem").filter({ hasText: title }).getByText("已接受")).toBeVisible();
});
