import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { applyAsExpert, fillNeed, logInAs } from "./helpers";

test.use({ javaScriptEnabled: false });

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

test("a verified cooperative posts a need with a photo and an expert applies, without JavaScript", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const title = `青贮饲料制作指导 ${Date.now() % 100000}`;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "xiangke-e2e-")), "silage.png");
  writeFileSync(
    file,
    await sharp({ create: { width: 900, height: 700, channels: 3, background: "#9acd32" } })
      .png()
      .toBuffer(),
  );

  const coop = await (await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false })).newPage();
  await logInAs(coop, login("VILLAGE"), DEMO_PASSWORD);
  await coop.goto("/needs/new");
  // Without JavaScript the branding fields stay on the page; a technical need leaves them empty.
  await expect(coop.getByLabel("产品名称")).toBeVisible();
  await fillNeed(coop, title, file);
  await coop.getByLabel("预算上限（元）").fill("1000");
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByText("预算下限不能高于上限")).toBeVisible();
  await expect(coop.getByLabel("标题")).toHaveValue(title);
  await coop.getByLabel("预算上限（元）").fill("12000");
  await coop.getByLabel("照片（最多 6 张）").setInputFiles(file);
  await coop.getByRole("button", { name: "发布", exact: true }).click();
  await expect(coop.getByRole("status")).toHaveText("需求已发布");
  await expect(coop.getByRole("img", { name: "需求照片 1" })).toBeVisible();

  const expert = await (await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false })).newPage();
  await logInAs(expert, login("EXPERT"), DEMO_PASSWORD);
  await applyAsExpert(expert, title, "8800");

  await coop.goto("/notifications");
  await expect(coop.getByText(`张明 教授 申请了您的需求「${title}」`)).toBeVisible();
  await coop
    .getByRole("button", { name: new RegExp(title) })
    .first()
    .click();
  await expect(coop).toHaveURL(/\/applications$/);
  await coop.getByRole("button", { name: "接受" }).click();
  await expect(coop.getByRole("status")).toHaveText("已接受申请，需求进入对接");
});
