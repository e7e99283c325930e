import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export function uniqueMobile(): string {
  return `137${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, "0")}`;
}

export async function logInAs(page: Page, identifier: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(identifier);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("登录成功");
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("status")).toHaveText("您已退出登录");
}
