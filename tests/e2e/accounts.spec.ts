import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { zh } from "../../app/i18n/zh";
import { logInAs, logOut, uniqueMobile } from "./helpers";

test("a cooperative head registers, logs out, logs in and switches language", async ({ page }) => {
  const mobile = uniqueMobile();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("让科技走进每一个村庄");
  await page.getByRole("link", { name: "注册", exact: true }).click();

  await page.getByLabel("我是").selectOption({ label: "村委会 / 合作社" });
  await page.getByLabel("手机号或邮箱").fill(`+86 ${mobile}`);
  await page.getByLabel("姓名或称呼").fill("王建国");
  await page.getByLabel("密码", { exact: true }).fill("shiitake2026");
  await page.getByLabel("再次输入密码").fill("shiitake2026");
  await page.getByLabel("所在县区 (选填)").selectOption({ label: "栾川县" });
  await page.getByLabel("组织名称").fill("协心香菇专业合作社");
  await page.getByLabel("组织类型").selectOption({ label: "农民专业合作社" });
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();

  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
  await expect(page.getByRole("heading", { name: "欢迎回来，王建国" })).toBeVisible();
  await expect(page.getByText("协心香菇专业合作社")).toBeVisible();
  await expect(page.getByText("待认证")).toBeVisible();

  await logOut(page);
  await logInAs(page, mobile, "shiitake2026");
  await expect(page).toHaveURL(/\/account$/);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Welcome back, 王建国" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(page.getByText("Awaiting verification")).toBeVisible();
  await page.reload();
  await expect(page.locator("header summary")).toHaveText("Me");

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("header summary")).toHaveText("我的");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("the registration form shows every problem at once and keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "高校 / 科研院所 / 企业" });
  await page.getByLabel("手机号或邮箱").fill("12345");
  await page.getByLabel("姓名或称呼").fill("河南科技大学");
  await page.getByLabel("密码", { exact: true }).fill("short");
  await page.getByLabel("再次输入密码").fill("other");
  await page.getByRole("button", { name: "注册" }).click();

  await expect(page.getByText("请输入有效的中国大陆手机号（+86）或邮箱地址")).toBeVisible();
  await expect(page.getByText("密码至少需要 8 位")).toBeVisible();
  await expect(page.getByText("两次输入的密码不一致")).toBeVisible();
  await expect(page.getByText("请填写组织名称")).toBeVisible();
  await expect(page.getByText("请阅读并同意《个人信息保护政策》")).toBeVisible();
  await expect(page.getByLabel("姓名或称呼")).toHaveValue("河南科技大学");
  await expect(page.getByLabel("手机号或邮箱")).toHaveAttribute("aria-invalid", "true");
});

test("a registered number cannot register again", async ({ page }) => {
  const [farmer] = DEMO_ACCOUNTS.filter((account) => account.role === "FARMER");
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "农民" });
  await page.getByLabel("手机号或邮箱").fill(farmer.login);
  await page.getByLabel("姓名或称呼").fill("李秀英");
  await page.getByLabel("密码", { exact: true }).fill("wheat2026x");
  await page.getByLabel("再次输入密码").fill("wheat2026x");
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("该手机号或邮箱已注册，请直接登录")).toBeVisible();
  await expect(page.getByLabel("手机号或邮箱")).toHaveValue(farmer.login);
});

for (const account of DEMO_ACCOUNTS) {
  test(`the demo ${account.role} account ${account.login} logs in`, async ({ page }) => {
    await logInAs(page, account.login, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: `欢迎回来，${account.displayName}` })).toBeVisible();
    await expect(page.getByText(zh[`role.${account.role}`], { exact: true }).first()).toBeVisible();
    if (account.organisation)
      await expect(page.getByText(account.organisation.name, { exact: true })).toBeVisible();
    await logOut(page);
  });
}

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill("admin@demo.xiangke.cn");
  await page.getByLabel("密码").fill("not-the-password-1");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByText("账户或密码不正确")).toBeVisible();
  await expect(page.getByLabel("手机号或邮箱")).toHaveValue("admin@demo.xiangke.cn");
});

test("a page that needs a login sends the visitor back after logging in", async ({ page }) => {
  await page.goto("/account/password");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fpassword/);
  const expert = DEMO_ACCOUNTS.find((account) => account.role === "EXPERT")!;
  await page.getByLabel("手机号或邮箱").fill(expert.login);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
});

/** The text of the e-mails the local SMTP server received for `address` (see global-setup.ts). */
function mailsTo(address: string): string[] {
  const dir = process.env.E2E_MAIL_DIR!;
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${address}.`))
    .map((name) => readFileSync(path.join(dir, name), "utf8"));
}

async function registerFarmer(page: Page, identifier: string) {
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "农民" });
  await page.getByLabel("手机号或邮箱").fill(identifier);
  await page.getByLabel("姓名或称呼").fill("赵大山");
  await page.getByLabel("密码", { exact: true }).fill("shiitake2026");
  await page.getByLabel("再次输入密码").fill("shiitake2026");
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
  await logOut(page);
}

async function setNewPassword(page: Page, password: string) {
  await page.getByLabel("新密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入新密码").fill(password);
  await page.getByRole("button", { name: "重设密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已重设，请用新密码登录");
}

test("a forgotten password is reset by a link sent by e-mail", async ({ page }) => {
  const email = `farmer-${uniqueMobile()}@example.cn`;
  await registerFarmer(page, email);
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page.getByRole("heading", { name: "找回密码" })).toBeVisible();
  await page.getByLabel("手机号或邮箱").fill(email);
  await page.getByRole("button", { name: "发送验证码或链接" }).click();
  await expect(page.getByRole("status")).toHaveText(zh["recovery.sent"]);

  await expect.poll(() => mailsTo(email).length).toBe(1);
  const link = /http:\/\/\S+\/reset-password\?token=[\w-]{43}/.exec(mailsTo(email)[0]!)![0];
  await page.goto(link);
  await setNewPassword(page, "morels-2027");
  await logInAs(page, email, "morels-2027");
});

test("bureau staff issue a reset code to a farmer without e-mail, who sets a new password with it", async ({
  page,
}) => {
  // Registration, a bureau session, the code and a second log-in: four pages' worth of waiting
  // (password hashing included) on a loaded two-core machine; each step still waits on its event.
  test.setTimeout(60_000);
  const mobile = uniqueMobile();
  await registerFarmer(page, mobile);
  await logInAs(page, "bureau@demo.xiangke.cn", DEMO_PASSWORD);
  await page.goto("/account");
  await page.getByRole("link", { name: "为成员发放密码重置码" }).click();
  await page.getByLabel("成员的手机号或邮箱").fill(mobile);
  await page.getByLabel("如何核实的身份").fill("当面查看身份证");
  await page.getByLabel("我已核实此人就是账户本人").check();
  await page.getByRole("button", { name: "生成重置码" }).click();
  const code = (await page.getByTestId("recovery-code").textContent())!.trim();
  expect(code).toMatch(/^\d{8}$/);
  await logOut(page);

  await page.goto("/reset-password");
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("验证码或重置码").fill(code);
  await setNewPassword(page, "morels-2027");
  await logInAs(page, mobile, "morels-2027");
});
