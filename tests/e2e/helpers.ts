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

/** Opens the header's own menu (我的): account and log out. */
export async function openUserMenu(page: Page) {
  await page.locator("header summary").click();
}

/**
 * Gives a sensitive consent the way a person does where the feature asks for it: the consent
 * form, ticked, then back to where they were (PIPL: asked separately, never assumed).
 */
export async function agreeOnConsentPage(page: Page, purposeName: string) {
  await page.getByLabel(`我同意为此处理我的${purposeName}`).check();
  await page.getByRole("button", { name: "同意并继续" }).click();
  await expect(page.getByRole("status")).toHaveText("已记录你的同意");
}

/** Consents to voice notes from the consent page, before a test records one. */
export async function agreeToVoiceNotes(page: Page) {
  await page.goto("/account/privacy/consent?purpose=VOICE&returnTo=%2Faccount");
  await agreeOnConsentPage(page, "语音留言（聊天和代发需求）");
}

export async function logOut(page: Page) {
  await openUserMenu(page);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("status")).toHaveText("您已退出登录");
}

const CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A made-up but well-formed unified social credit code (GB 32100) for a farmer cooperative. */
export function syntheticCreditCode(): string {
  const body = `93410324MA${Array.from({ length: 7 }, () => CREDIT_CODE_CHARS[randomBytes(1)[0] % 10]).join("")}`;
  const sum = [...body].reduce(
    (total, char, index) => total + CREDIT_CODE_CHARS.indexOf(char) * CREDIT_CODE_WEIGHTS[index],
    0,
  );
  return body + CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

export async function registerCooperative(
  page: Page,
  mobile: string,
  name: string,
  password = "shiitake2026",
) {
  await page.goto("/register");
  await page.getByLabel("我是").selectOption({ label: "村委会 / 合作社" });
  await page.getByLabel("手机号或邮箱").fill(mobile);
  await page.getByLabel("姓名或称呼").fill("赵大山");
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByLabel("所在县区 (选填)").selectOption({ label: "嵩县" });
  await page.getByLabel("组织名称").fill(name);
  await page.getByLabel("组织类型").selectOption({ label: "农民专业合作社" });
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
}

export async function fillNeed(page: Page, title: string, photo?: string) {
  await page.getByLabel("标题").fill(title);
  await page
    .getByLabel("详细说明")
    .fill("合作社养殖肉牛 120 头，冬季青贮饲料霉变，需要专家指导青贮制作和饲料配方调整。");
  await page.getByLabel("产业").selectOption({ label: "养殖" });
  await page.getByLabel("县区").selectOption({ label: "嵩县" });
  await page.getByLabel("预算下限（元）").fill("3000");
  await page.getByLabel("预算上限（元）").fill("12000");
  await page.getByLabel("技术承包").check();
  await page.getByLabel("有偿服务").check();
  if (photo) await page.getByLabel("照片（最多 6 张）").setInputFiles(photo);
}

export async function applyAsExpert(page: Page, needTitle: string, price: string) {
  await page.goto("/needs");
  await page.getByRole("link", { name: needTitle }).click();
  await page
    .getByLabel("技术方案")
    .fill("先到牛场查看青贮窖和饲喂情况，取样化验，再制定青贮制作规程和冬季日粮配方，并现场培训饲养员。");
  await page.getByLabel("时间安排").fill("一周内到场，一个月内完成");
  await page.getByLabel("合作方式").selectOption({ label: "技术承包" });
  await page.getByLabel("报价（元）").fill(price);
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("status")).toHaveText("申请已提交");
  await expect(page.getByRole("heading", { name: "您的申请" })).toBeVisible();
}

/**
 * On the need's applications page, the poster accepts the application, drafts the agreement from
 * it and sends it for signature; the agreement's address.
 */
export async function acceptAndPropose(poster: Page): Promise<string> {
  await poster.getByRole("button", { name: "接受", exact: true }).click();
  await expect(poster.getByRole("status")).toHaveText("已接受申请，需求进入对接");
  await poster.getByRole("button", { name: "起草协议" }).click();
  await expect(poster.getByRole("status")).toHaveText("协议草稿已创建，请填写条款");
  const agreementUrl = poster.url().replace(/\/edit$/, "");
  await poster.goto(agreementUrl);
  await poster.getByRole("button", { name: "发送给对方签署" }).click();
  await expect(poster.getByRole("status")).toHaveText("协议已发送给对方签署");
  return agreementUrl;
}

/**
 * A new cooperative verified by the bureau, for flows that change an organisation's standing
 * (sanctions) and so must not touch the shared demo cooperative. Returns its name and login.
 */
export async function registerVerifiedCooperative(coop: Page, bureau: Page) {
  const mobile = uniqueMobile();
  const name = `嵩县香菇种植专业合作社${mobile.slice(-4)}`;
  await registerCooperative(coop, mobile, name);
  await coop.goto("/account/verification");
  await coop
    .getByRole("region", { name: "组织认证" })
    .getByRole("listitem")
    .filter({ hasText: name })
    .getByRole("link", { name: "申请认证" })
    .click();
  await coop.getByLabel("统一社会信用代码").fill(syntheticCreditCode());
  await coop.getByLabel("法定代表人 / 负责人").fill("赵大山");
  await coop.getByLabel("联系人", { exact: true }).fill("赵大山");
  await coop.getByLabel("联系人手机号").fill(mobile);
  await coop.getByLabel("情况说明").fill("合作社成立于 2019 年，种植香菇 20 万棒，带动 45 户农户。");
  await coop.getByRole("button", { name: "提交认证申请" }).click();
  await expect(coop.getByRole("status")).toHaveText("认证申请已提交，请等待市科技局审核");
  await bureau.goto("/bureau/verifications");
  await bureau.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: "审核" }).click();
  await bureau.getByRole("button", { name: "通过认证" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已通过认证");
  return { name, mobile };
}
