import { expect, test } from "@playwright/test";
import { logInAs, uniqueMobile } from "./helpers";

test.use({ javaScriptEnabled: false });

test("registration, password change and logout work with JavaScript disabled", async ({ page }) => {
  const mobile = uniqueMobile();
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "专家 / 科技特派员" });
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("姓名或称呼").fill("张明");
  await page.getByLabel("密码", { exact: true }).fill("orchard2026");
  await page.getByLabel("再次输入密码").fill("orchard2027");
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();

  // The server answers with the form, the error and what was typed.
  await expect(page.getByText("两次输入的密码不一致")).toBeVisible();
  await expect(page.getByLabel("手机号或邮箱")).toHaveValue(mobile);
  await expect(page.getByLabel("我是")).toHaveValue("EXPERT");

  await page.getByLabel("密码", { exact: true }).fill("orchard2026");
  await page.getByLabel("再次输入密码").fill("orchard2026");
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");

  await page.getByRole("link", { name: "修改密码" }).click();
  await page.getByLabel("当前密码").fill("orchard2026");
  await page.getByLabel("新密码", { exact: true }).fill("vineyard2026");
  await page.getByLabel("再次输入新密码").fill("vineyard2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已修改，其他设备上的登录已退出");

  await page.locator("header summary").click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("status")).toHaveText("您已退出登录");
  await logInAs(page, mobile, "vineyard2026");
});

test("the language switch works with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
});
