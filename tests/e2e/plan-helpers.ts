import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { agreeOnConsentPage, logInAs, uniqueMobile } from "./helpers";

/*
 * Shared by the issue-23 walks (plan-people, plan-network, plan-phone): the demo logins by role,
 * a phone-sized page logged in as someone, one query against the app's own database, and a second
 * commissioner made the way the bureau makes one (registered, verified, dispatched).
 */

export const PHONE = { width: 375, height: 667 };

export const demoLogin = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** Sessions of this worker by login: each account logs in once per worker, not once per test. */
const sessions = new Map<string, Session>();

/** A new browser context at phone size, logged in (through the login form the first time). */
export async function phoneAs(browser: Browser, identifier: string, password = DEMO_PASSWORD): Promise<Page> {
  const saved = sessions.get(identifier);
  const context = await browser.newContext({ viewport: PHONE, ...(saved ? { storageState: saved } : {}) });
  const page = await context.newPage();
  if (!saved) {
    await logInAs(page, identifier, password);
    sessions.set(identifier, await context.storageState());
  }
  return page;
}

/** One query against the app's own database: what reached it, not what a page says. */
export async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const url = readFileSync(path.join(process.env.E2E_DATA_DIR!, "database-url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A short suffix unique to this run, for names other specs and reruns never collide with. */
export function uniqueTag(): string {
  return `${Date.now().toString(36).slice(-5)}${randomBytes(2).toString("hex")}`.toUpperCase();
}

/** The Luoyang (UTC+8) calendar day, YYYY-MM-DD, as the app's date defaults use it. */
export function luoyangDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A made-up but well-formed 居民身份证号 (GB 11643 check character), born in 1980s 栾川. */
export function syntheticIdNumber(): string {
  const serial = String(randomBytes(2).readUInt16BE() % 1000).padStart(3, "0");
  const body = `41032419${80 + (randomBytes(1)[0] % 10)}0${1 + (randomBytes(1)[0] % 9)}1${randomBytes(1)[0] % 10}${serial}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
  return body + "10X98765432"[sum % 11];
}

/**
 * A second serving commissioner: an expert registers and asks for personal verification, the
 * bureau approves it and dispatches them to 栾川县 in this year's cohort. Returns their page
 * (logged in, phone-sized) and display name.
 */
export async function dispatchNewCommissioner(browser: Browser, bureau: Page) {
  const mobile = uniqueMobile();
  const name = `刘专家${mobile.slice(-4)}`;
  const expert = await (await browser.newContext({ viewport: PHONE })).newPage();
  await expert.goto("/register");
  await expert.getByLabel("我是").selectOption({ label: "专家 / 科技特派员" });
  await expert.getByLabel("手机号或邮箱").fill(mobile);
  await expert.getByLabel("姓名或称呼").fill(name);
  await expert.getByLabel("密码", { exact: true }).fill("orchard2026");
  await expert.getByLabel("再次输入密码").fill("orchard2026");
  await expert.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await expert.getByRole("button", { name: "注册" }).click();
  await expect(expert.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");

  // Verification keeps the ID number only after its own consent (PIPL: asked separately).
  await expert.goto(
    `/account/privacy/consent?purpose=ID_NUMBER&returnTo=${encodeURIComponent("/account/verification?person=1")}`,
  );
  await agreeOnConsentPage(expert, "身份证号（实名认证）");
  await expect(expert.getByRole("heading", { level: 1 })).toHaveText("个人认证申请");
  await expert.getByLabel("真实姓名").fill(name.slice(0, 3));
  await expert.getByLabel("居民身份证号").fill(syntheticIdNumber());
  await expert.getByLabel("职称").fill("副研究员");
  await expert.getByLabel("工作单位").fill("洛阳农林科学院");
  await expert.getByLabel("情况说明").fill("从事食用菌栽培技术推广十年，愿意到栾川县贫困村服务。");
  await expert.getByRole("button", { name: "提交认证申请" }).click();
  await expect(expert.getByRole("status")).toHaveText("认证申请已提交，请等待市科技局审核");

  await bureau.goto("/bureau/verifications");
  await bureau.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: "审核" }).click();
  await bureau.getByRole("button", { name: "通过认证" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已通过认证");

  const year = Number(luoyangDay().slice(0, 4));
  await bureau.goto("/bureau/commissioners");
  const dispatch = bureau
    .locator("form")
    .filter({ has: bureau.getByRole("button", { name: "派驻特派员", exact: true }) });
  await dispatch
    .getByLabel("批次", { exact: true })
    .selectOption({ label: `${year} · 科技特派员 · ${year} 年度洛阳市科技特派员` });
  await dispatch.getByLabel("专家（已认证）").selectOption({ label: name });
  await dispatch.getByLabel("县区").selectOption({ label: "栾川县" });
  await dispatch.getByLabel("服务村").fill("庙子镇庙子村");
  await dispatch.getByLabel("开始日期").fill(`${year}-01-01`);
  await dispatch.getByLabel("结束日期").fill(`${year}-12-31`);
  await dispatch.getByRole("button", { name: "派驻特派员" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已派驻");
  return { page: expert, name };
}

/** Digits of a money text ("¥1,234.50") in fen. */
export function fenOf(text: string): number {
  return Math.round(Number(text.replace(/[^0-9.]/g, "")) * 100);
}

/**
 * The phone check of a page: nothing wider than the screen, and every visible form's submit
 * button can be brought on screen whole and is what a tap there would hit (not under a sticky bar).
 */
export async function expectFitsPhone(page: Page) {
  const where = new URL(page.url()).pathname;
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.inner, "the layout viewport is the phone's").toBe(PHONE.width);
  expect(widths.scroll, `${where} is wider than the phone`).toBeLessThanOrEqual(widths.inner);
  const buttons = page.locator("main form button[type=submit]:visible, main form button:not([type]):visible");
  const count = await buttons.count();
  for (let index = 0; index < count; index += 1) {
    const reach = await buttons.nth(index).evaluate((button) => {
      button.scrollIntoView({ block: "center", inline: "center" });
      const box = button.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        label: button.textContent?.trim() ?? "",
        inside: box.left >= 0 && box.right <= window.innerWidth && box.width > 0,
        tappable: hit !== null && (hit === button || button.contains(hit)),
      };
    });
    expect(reach, `${where}: the button 「${reach.label}」`).toEqual({
      label: reach.label,
      inside: true,
      tappable: true,
    });
  }
  return count;
}

/** Opens a path and checks it answered and fits the phone; returns the number of submit buttons. */
export async function walk(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  return expectFitsPhone(page);
}
