import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, devices, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "../e2e/helpers";
import { login, network, noPendingMessages, outboxCount, query, seeded } from "./field";

const NEED = "香菇烘干与即食香菇脆片加工工艺";

test.describe.configure({ mode: "serial" });

let conversationUrl = "";

interface Side {
  name: string;
  userId: string;
  page: Page;
  context: BrowserContext;
  net: Awaited<ReturnType<typeof network>>;
  typed: string[];
}

async function say(side: Side, text: string) {
  await side.page.getByLabel("消息内容").fill(text);
  await side.page.getByRole("button", { name: "发送", exact: true }).click();
  // The composer is cleared as soon as the message is in the outbox.
  await expect(side.page.getByLabel("消息内容")).toHaveValue("");
  side.typed.push(text);
}

async function userId(role: string): Promise<string> {
  const name = DEMO_ACCOUNTS.find((account) => account.role === role)!.displayName;
  const rows = await query<{ id: string }>(`SELECT id FROM "User" WHERE "displayName" = $1`, [name]);
  expect(rows, `the demo user ${name}`).toHaveLength(1);
  return rows[0]!.id;
}

/** What reached the database, per sender, in conversation order. */
async function storedBySender(conversationId: string) {
  const rows = await query<{ senderId: string; body: string }>(
    `SELECT "senderId", body FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`,
    [conversationId],
  );
  const by = new Map<string, string[]>();
  for (const row of rows) by.set(row.senderId, [...(by.get(row.senderId) ?? []), row.body]);
  return by;
}

const conversationId = () => new URL(conversationUrl).pathname.split("/").pop()!;

test("opens a conversation between an expert and a cooperative", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInAs(page, login("EXPERT"), DEMO_PASSWORD);
  await page.goto("/needs");
  await page.getByRole("link", { name: NEED }).click();
  await page.getByLabel("技术方案").fill("先测定鲜菇含水率，再设计分段热风烘干曲线，并做脆片低温试验。");
  await page.getByLabel("时间安排").fill("两周内完成试验");
  await page.getByLabel("合作方式").selectOption({ label: "技术承包" });
  await page.getByLabel("报价（元）").fill("6000");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("status")).toHaveText("申请已提交");
  await page.goto("/workspace");
  await page.getByRole("listitem").filter({ hasText: NEED }).getByRole("button", { name: "沟通" }).click();
  await expect(page.getByLabel("消息内容")).toBeVisible();
  conversationUrl = new URL(page.url(), baseURL).toString().replace(/#.*$/, "");
  await context.close();
});

test("twenty network cuts of 5–30 s while both sides type: nothing lost, nothing doubled, order kept", async ({
  browser,
}) => {
  test.setTimeout(10 * 60_000);
  const sides: Side[] = [];
  for (const [name, role] of [
    ["专家", "EXPERT"],
    ["社长", "VILLAGE"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logInAs(page, login(role), DEMO_PASSWORD);
    await page.goto(conversationUrl);
    await expect(page.getByLabel("消息内容")).toBeVisible();
    sides.push({
      name,
      userId: await userId(role),
      page,
      context,
      net: await network(page, context),
      typed: [],
    });
  }
  const random = seeded(20261206);
  for (let cut = 1; cut <= 20; cut += 1) {
    const [cutOff, other] = cut % 2 === 1 ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
    // Most cuts are short; two are as long as the worst the issue saw.
    const seconds = cut === 8 || cut === 16 ? random.between(25, 30) : random.between(5, 12);
    await cutOff.net.cut();
    for (let n = 1, count = random.between(1, 3); n <= count; n += 1)
      await say(cutOff, `${cutOff.name}：第 ${cut} 次断网时写的第 ${n} 条`);
    await expect(cutOff.page.locator('[data-pending-status="waiting"]').first()).toBeVisible();
    await say(other, `${other.name}：第 ${cut} 次断网时对方写的`);
    // The outage itself lasts its time: this is the scenario, not a wait for something to happen.
    await cutOff.page.waitForTimeout(seconds * 1000);
    await cutOff.net.restore();
    await say(cutOff, `${cutOff.name}：第 ${cut} 次恢复后写的`);
  }
  for (const side of sides) await noPendingMessages(side.page);
  const stored = await storedBySender(conversationId());
  for (const side of sides) {
    expect(stored.get(side.userId), `what ${side.name} typed, as stored`).toEqual(side.typed);
  }
  // Each side sees the other's last message without a reload.
  for (const [side, other] of [
    [sides[0]!, sides[1]!],
    [sides[1]!, sides[0]!],
  ]) {
    await expect(side.page.getByRole("log").getByText(other.typed.at(-1)!, { exact: true })).toBeVisible();
  }
  for (const side of sides) await side.context.close();
});

test("messages queued offline survive closing the page and restarting the browser", async ({ baseURL }) => {
  test.setTimeout(3 * 60_000);
  const profile = mkdtempSync(path.join(os.tmpdir(), "xiangke-field-profile-"));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      ...devices["Pixel 5"],
      baseURL,
      locale: "zh-CN",
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
    });
  const expertId = await userId("EXPERT");
  const before = (await storedBySender(conversationId())).get(expertId) ?? [];
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await logInAs(page, login("EXPERT"), DEMO_PASSWORD);
    await page.goto(conversationUrl);
    const side = {
      name: "专家",
      userId: expertId,
      page,
      context,
      net: await network(page, context),
      typed: [],
    };

    // Typed offline, then the page is closed before the signal returns.
    await side.net.cut();
    await say(side, "关掉页面前写的第一条");
    await say(side, "关掉页面前写的第二条");
    await expect.poll(() => outboxCount(page)).toBe(2);
    await page.close();
    page = await context.newPage();
    await page.goto(conversationUrl);
    await expect
      .poll(async () => (await storedBySender(conversationId())).get(expertId))
      .toEqual([...before, ...side.typed]);
    await noPendingMessages(page);

    // Typed offline, then the whole browser is closed and started again.
    side.page = page;
    side.net = await network(page, context);
    await side.net.cut();
    await say(side, "重启浏览器前写的第一条");
    await say(side, "重启浏览器前写的第二条");
    await expect.poll(() => outboxCount(side.page)).toBe(2);
    await context.close();
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(conversationUrl);
    await expect
      .poll(async () => (await storedBySender(conversationId())).get(expertId))
      .toEqual([...before, ...side.typed]);
    await noPendingMessages(page);
    await expect.poll(() => outboxCount(page)).toBe(0);
    await context.close();

    const after = (await storedBySender(conversationId())).get(expertId) ?? [];
    expect(after).toEqual([...before, ...side.typed]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
