// npm run bench:field — the app as a village phone meets it. Two parts, both in Debian's Chromium
// with DevTools network emulation, against the running production build:
// 1. Pages on a slow link (400 kbit/s, 400 ms round trip, CPU 4× slower), cold cache: time until
//    the page is readable (first contentful paint) and until it answers taps (hydrated), and the
//    bytes transferred; then a repeat view. Baseline, same run: the same page's HTML alone (what
//    the page costs with JavaScript off), so the ratio says what scripts and styles add.
// 2. Chat across network cuts: both sides type while one side's network is cut for 5–30 s, many
//    times; then messages typed vs stored vs duplicated, counted in the database. Baseline: the
//    same number of messages on a link that never drops.
// Prints two tables and writes bench/results/field.json. FIELD_CUTS sets the number of cuts (12).
import { chromium, devices, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import type pg from "pg";
import { queryAppDatabase } from "../tests/support/app-database";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../app/modules/demo/demo-accounts";
import { startAppProcess } from "../tests/support/app-process";
import { round } from "./lib";
import { thisMachine, writeResults } from "./results-file";

const SLOW = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;
const BUDGET = { readableMs: 3000, kB: 100 };
const CUTS = Number(process.env.FIELD_CUTS ?? 12);

const app = await startAppProcess({ LOG_LEVEL: "silent" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
const loginOf = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryAppDatabase<T>(app.dataDir, sql, params);
}

async function phone(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  // The service worker's own fetches escape the page's network emulation, so it is kept out: a
  // repeat view here measures the HTTP cache alone (the worker would only make it cheaper).
  const context = await browser.newContext({
    ...devices["Pixel 5"],
    locale: "zh-CN",
    baseURL: app.url,
    javaScriptEnabled,
    serviceWorkers: "block",
  });
  return { context, page: await context.newPage() };
}

interface PageFigures {
  readableMs: number;
  interactiveMs: number | null;
  kB: number;
  repeatKB: number;
  htmlOnlyReadableMs: number;
  htmlOnlyKB: number;
}

/** One view of a page on the slow link: ms to first contentful paint and to hydration, kB on the wire. */
async function view(page: Page, context: BrowserContext, url: string, javaScript: boolean) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  const readableMs = await page.evaluate(
    () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? performance.now(),
  );
  let interactiveMs: number | null = null;
  if (javaScript) {
    // Remix sets this once the page has hydrated and answers taps.
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 120_000 });
    interactiveMs = Date.now() - started;
  }
  await page.waitForLoadState("networkidle", { timeout: 120_000 }).catch(() => undefined);
  await cdp.detach();
  return { readableMs: Math.round(readableMs), interactiveMs, kB: round(bytes / 1024, 1) };
}

async function pageFigures(url: string): Promise<PageFigures> {
  const cold = await phone();
  const first = await view(cold.page, cold.context, url, true);
  const repeat = await view(cold.page, cold.context, url, true);
  await cold.context.close();
  const bare = await phone(false);
  const htmlOnly = await view(bare.page, bare.context, url, false);
  await bare.context.close();
  return {
    readableMs: first.readableMs,
    interactiveMs: first.interactiveMs,
    kB: first.kB,
    repeatKB: repeat.kB,
    htmlOnlyReadableMs: htmlOnly.readableMs,
    htmlOnlyKB: htmlOnly.kB,
  };
}

async function signIn(role: string): Promise<{ context: BrowserContext; page: Page }> {
  const side = await phone();
  await side.page.goto("/login");
  await side.page.getByLabel("手机号或邮箱").fill(loginOf(role));
  await side.page.getByLabel("密码").fill(DEMO_PASSWORD);
  await side.page.getByRole("button", { name: "登录", exact: true }).click();
  await side.page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return side;
}

/** An application by the demo expert to a demo need, and its conversation's address. */
async function openConversation(): Promise<string> {
  const expert = await signIn("EXPERT");
  // The demo need the browser tests also use for chat; the demo expert has not applied to it.
  const [need] = await query<{ id: string; title: string }>(`SELECT id, title FROM "Need" WHERE title = $1`, [
    "香菇烘干与即食香菇脆片加工工艺",
  ]);
  await expert.page.goto(`/needs/${need!.id}`);
  await expert.page
    .getByLabel("技术方案")
    .fill("先测定鲜菇含水率，再设计分段热风烘干曲线，并做脆片低温试验。");
  await expert.page.getByLabel("时间安排").fill("两周内完成试验");
  await expert.page.getByLabel("合作方式").selectOption({ label: "技术承包" });
  await expert.page.getByLabel("报价（元）").fill("6000");
  await expert.page.getByRole("button", { name: "提交申请" }).click();
  await expert.page.getByRole("heading", { name: "您的申请" }).waitFor();
  await expert.page.goto("/workspace");
  await expert.page
    .getByRole("listitem")
    .filter({ hasText: need!.title })
    .getByRole("button", { name: "沟通" })
    .click();
  await expert.page.getByLabel("消息内容").waitFor();
  const url = new URL(expert.page.url()).pathname;
  await expert.context.close();
  return url;
}

interface ChatFigures {
  cuts: number;
  typed: number;
  typedOffline: number;
  stored: number;
  lost: number;
  duplicated: number;
  orderKept: boolean;
  baselineTyped: number;
  baselineStored: number;
}

async function chatAcrossCuts(url: string): Promise<ChatFigures> {
  const sides = await Promise.all(
    ["EXPERT", "VILLAGE"].map(async (role) => ({ role, ...(await signIn(role)) })),
  );
  const typed = new Map<string, string[]>(sides.map((side) => [side.role, []]));
  const net: CDPSession[] = [];
  for (const side of sides) {
    await side.page.goto(url);
    const cdp = await side.context.newCDPSession(side.page);
    await cdp.send("Network.enable");
    net.push(cdp);
  }
  async function say(index: number, text: string) {
    const side = sides[index]!;
    await side.page.getByLabel("消息内容").fill(text);
    await side.page.getByRole("button", { name: "发送", exact: true }).click();
    await side.page.getByLabel("消息内容").and(side.page.locator(":placeholder-shown")).waitFor();
    typed.get(side.role)!.push(text);
  }
  const link = (index: number, offline: boolean) =>
    net[index]!.send("Network.emulateNetworkConditions", {
      offline,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

  // Baseline: the same kind of conversation on a link that never drops.
  const baselineTyped = 3 * CUTS;
  for (let n = 0; n < baselineTyped; n += 1) await say(n % 2, `基线 ${n}`);
  let typedOffline = 0;
  for (let cut = 1; cut <= CUTS; cut += 1) {
    const off = cut % 2;
    const seconds = 5 + ((cut * 7) % 26); // 5–30 s, the same every run
    await link(off, true);
    for (let n = 0; n < 2; n += 1) await say(off, `断网 ${cut}-${n}`);
    typedOffline += 2;
    await say(1 - off, `对方 ${cut}`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000)); // the outage lasts its time
    await link(off, false);
    await say(off, `恢复 ${cut}`);
  }
  const deadline = Date.now() + 120_000;
  for (const side of sides) {
    while ((await side.page.locator("[data-pending-status]").count()) > 0 && Date.now() < deadline)
      await side.page.waitForTimeout(250);
  }
  const conversationId = url.split("/").pop();
  const rows = (
    await query<{ name: string; body: string }>(
      `SELECT u."displayName" AS name, m.body FROM "Message" m JOIN "User" u ON u.id = m."senderId"
       WHERE m."conversationId" = $1 ORDER BY m.seq`,
      [conversationId],
    )
  ).map((row) => ({
    role: DEMO_ACCOUNTS.find((account) => account.displayName === row.name)!.role,
    body: row.body,
  }));
  let stored = 0;
  let duplicated = 0;
  let orderKept = true;
  let lost = 0;
  for (const side of sides) {
    const mine = rows.filter((row) => row.role === side.role).map((row) => row.body);
    const wanted = typed.get(side.role)!;
    stored += mine.length;
    duplicated += mine.length - new Set(mine).size;
    lost += wanted.filter((body) => !mine.includes(body)).length;
    orderKept &&=
      JSON.stringify(mine.filter((body) => wanted.includes(body))) ===
      JSON.stringify(wanted.filter((body) => mine.includes(body)));
  }
  for (const side of sides) await side.context.close();
  const baselineStored = rows.filter((row) => row.body.startsWith("基线 ")).length;
  return {
    cuts: CUTS,
    typed: [...typed.values()].flat().length,
    typedOffline,
    stored,
    lost,
    duplicated,
    orderKept,
    baselineTyped,
    baselineStored,
  };
}

try {
  const [need] = await query<{ id: string }>(
    `SELECT id FROM "Need" WHERE status = 'OPEN' ORDER BY "createdAt" LIMIT 1`,
  );
  const pages: Record<string, PageFigures> = {};
  for (const [name, url] of [
    ["home", "/"],
    ["needs list", "/needs"],
    ["need page", `/needs/${need!.id}`],
  ] as const) {
    pages[name] = await pageFigures(url);
  }
  console.log(
    `\nbench:field — pages on 400 kbit/s, 400 ms RTT, CPU ${CPU_SLOWDOWN}× slower (budget: readable ≤ ${BUDGET.readableMs} ms, ≤ ${BUDGET.kB} kB)\n`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(pages).map(([name, figures]) => [
        name,
        {
          ...figures,
          "readable ÷ HTML alone": round(figures.readableMs / Math.max(1, figures.htmlOnlyReadableMs), 2),
          pass: figures.readableMs <= BUDGET.readableMs && figures.kB <= BUDGET.kB ? "pass" : "FAIL",
        },
      ]),
    ),
  );
  const chat = await chatAcrossCuts(await openConversation());
  console.log(
    `\nchat across ${chat.cuts} network cuts of 5–30 s (target: 0 lost, 0 duplicated, order kept)\n`,
  );
  console.table({ chat });
  writeResults("field", {
    machine: thisMachine(),
    budget: BUDGET,
    cpuSlowdown: CPU_SLOWDOWN,
    link: SLOW,
    pages,
    chat,
  });
} finally {
  await browser.close();
  await app.stop();
}
