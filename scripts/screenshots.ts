/**
 * npm run screenshots — the README's pictures, taken from the demo so they stay current: builds
 * nothing itself (npm run build first, as the npm script does), starts the production server on a
 * fresh embedded database with the demo seed, and photographs the main pages in Chinese on a phone
 * (390×844) and on a desktop (1280×800) with Debian's Chromium. Writes docs/screenshots/*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../app/modules/demo/demo-accounts";
import { startAppProcess } from "../tests/support/app-process";

const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Shot {
  name: string;
  path: string;
  /** The demo login to take it as; none: a visitor. */
  as?: string;
}

export const SHOTS: Shot[] = [
  { name: "home", path: "/" },
  { name: "needs", path: "/needs" },
  { name: "search", path: "/search?q=%E9%A6%99%E8%8F%87" },
  { name: "offers", path: "/offers" },
  { name: "workspace-village", path: "/workspace", as: "13800000001" },
  { name: "agreements-expert", path: "/agreements", as: "expert@demo.xiangke.cn" },
  { name: "messages-village", path: "/messages", as: "13800000001" },
  { name: "commissioners-bureau", path: "/bureau/commissioners", as: "bureau@demo.xiangke.cn" },
  { name: "dashboard-bureau", path: "/bureau/dashboard", as: "bureau@demo.xiangke.cn" },
  { name: "villages-county", path: "/villages", as: "county@demo.xiangke.cn" },
];

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

async function logIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(login);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "登录成功" }).waitFor();
}

async function shoot(browser: Browser, baseURL: string, shot: Shot, kind: keyof typeof VIEWPORTS) {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[kind],
    locale: "zh-CN",
    isMobile: kind === "phone",
    hasTouch: kind === "phone",
  });
  const page = await context.newPage();
  if (shot.as) await logIn(page, shot.as);
  const response = await page.goto(shot.path, { waitUntil: "networkidle" });
  if (!response?.ok()) throw new Error(`${shot.path} answered ${response?.status()}`);
  const file = path.join(OUT, `${shot.name}-${kind}.png`);
  await page.screenshot({ path: file });
  await context.close();
  console.log(`${path.relative(process.cwd(), file)}  ${shot.path}${shot.as ? `  (${shot.as})` : ""}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const app = await startAppProcess({ SEED_DEMO: "true" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    for (const shot of SHOTS)
      for (const kind of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])
        await shoot(browser, app.url, shot, kind);
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
