import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import JSZip from "jszip";
import { uniqueMobile } from "./helpers";

// A cheap phone's screen: the privacy pages must work at 360 px.
test.use({ viewport: { width: 360, height: 740 } });

async function registerFarmer(page: Page, mobile: string, password: string) {
  await page.goto("/register");
  await page.getByRole("link", { name: "阅读政策" }).waitFor();
  await page.getByLabel("我是").selectOption({ label: "农民" });
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("姓名或称呼").fill("孙玉兰");
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
}

test("the privacy notice is linked from every page's footer and states the retention periods", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "个人信息保护" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "个人信息保护政策" })).toBeVisible();
  await expect(page.getByText("审计日志：1095 天")).toBeVisible();
  await expect(page.getByRole("heading", { name: "你的权利" })).toBeVisible();
});

test("a farmer downloads their data, then deletes the account and cannot log in again", async ({ page }) => {
  const mobile = uniqueMobile();
  const password = "millet2026";
  await registerFarmer(page, mobile, password);
  await page.getByRole("link", { name: "我的个人信息" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的个人信息" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载我的数据" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^xiangke-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const profile = JSON.parse(await zip.file("profile.json")!.async("string"));
  expect(profile).toMatchObject({ displayName: "孙玉兰", phone: `+86${mobile}` });
  const consents = JSON.parse(await zip.file("consents.json")!.async("string"));
  expect(consents).toMatchObject([{ purpose: "NOTICE" }]);

  // Withdrawable consents for sensitive items, given here or where they are used.
  await page
    .getByRole("listitem")
    .filter({ hasText: "语音留言" })
    .getByRole("button", { name: "同意" })
    .click();
  await expect(page.getByRole("status")).toHaveText("已记录你的同意");
  await page
    .getByRole("listitem")
    .filter({ hasText: "语音留言" })
    .getByRole("button", { name: "撤回同意" })
    .click();
  await expect(page.getByRole("status")).toHaveText("已撤回同意");

  await page.getByLabel("我明白注销不能撤销").check();
  await page.getByLabel("输入密码确认").fill("wrong-2026");
  await page.getByRole("button", { name: "永久注销账户" }).click();
  await expect(page.getByText("密码不正确")).toBeVisible();

  await page.getByLabel("我明白注销不能撤销").check();
  await page.getByLabel("输入密码确认").fill(password);
  await page.getByRole("button", { name: "永久注销账户" }).click();
  await expect(page.getByRole("status")).toHaveText("账户已注销");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);

  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByText("账户或密码不正确")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
