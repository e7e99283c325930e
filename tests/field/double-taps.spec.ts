import { expect, test } from "@playwright/test";
import { fillNeed } from "../e2e/helpers";
import { LAGGY_LINK, count, login, query, signedIn, tap } from "./field";

/*
 * Double and triple taps on a laggy link (1.5 s latency, 50 KB/s), with JavaScript and without:
 * each form acts once, counted in the database. With JavaScript the form is busy from the first
 * tap; without it the browser sends every tap and the server answers the repeats with the first
 * outcome (the form's one-time key).
 */

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  for (const taps of [2, 3]) {
    test(`posting a need ${how}: ${taps} taps on 发布 post it once`, async ({ browser }) => {
      const { page, context, net } = await signedIn(browser, "VILLAGE", javaScriptEnabled);
      const title = `双击测试 ${javaScriptEnabled ? "js" : "nojs"} ${taps} ${Date.now()}`;
      await page.goto("/needs/new");
      await fillNeed(page, title);
      await net.shape(LAGGY_LINK);
      await tap(page, "发布", taps);
      if (javaScriptEnabled) await expect(page.locator('form[aria-busy="true"]')).toHaveCount(1);
      await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 60_000 });
      expect(await count(`SELECT count(*) AS n FROM "Need" WHERE title = $1`, [title])).toBe(1);
      await context.close();
    });
  }

  test(`posting an offer ${how}: a triple tap on 发布 posts it once`, async ({ browser }) => {
    const { page, context, net } = await signedIn(browser, "EXPERT", javaScriptEnabled);
    const title = `三连击成果 ${javaScriptEnabled ? "js" : "nojs"} ${Date.now()}`;
    await page.goto("/offers/new");
    await page.getByLabel("供给类型").selectOption({ label: "技术服务" });
    await page.getByLabel("标题", { exact: true }).fill(title);
    await page
      .getByLabel("详细说明")
      .fill("香菇菌棒污染诊断与灭菌流程改进，适用于年产十万棒以上的合作社，已在栾川推广。");
    await page.getByLabel("产业").selectOption({ label: "种植" });
    await page.getByLabel("栾川县").check();
    await page.getByLabel("技术承包").check();
    await net.shape(LAGGY_LINK);
    await tap(page, "发布", 3);
    await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 60_000 });
    expect(await count(`SELECT count(*) AS n FROM "Offer" WHERE title = $1`, [title])).toBe(1);
    await context.close();
  });

  test(`applying to a need ${how}: a triple tap sends one application`, async ({ browser }) => {
    const poster = await signedIn(browser, "VILLAGE", true);
    const title = `申请双击 ${javaScriptEnabled ? "js" : "nojs"} ${Date.now()}`;
    await poster.page.goto("/needs/new");
    await fillNeed(poster.page, title);
    await poster.page.getByRole("button", { name: "发布", exact: true }).click();
    await expect(poster.page.getByRole("heading", { name: title })).toBeVisible();
    const needUrl = poster.page.url();
    await poster.context.close();

    const { page, context, net } = await signedIn(browser, "EXPERT", javaScriptEnabled);
    await page.goto(needUrl);
    await page
      .getByLabel("技术方案")
      .fill("先到现场查看青贮窖，取样化验，再制定青贮制作规程和冬季日粮配方。");
    await page.getByLabel("时间安排").fill("一周内到场");
    await page.getByLabel("合作方式").selectOption({ label: "技术承包" });
    await page.getByLabel("报价（元）").fill("8000");
    await net.shape(LAGGY_LINK);
    await tap(page, "提交申请", 3);
    await expect(page.getByRole("heading", { name: "您的申请" })).toBeVisible({ timeout: 60_000 });
    const needId = new URL(needUrl).pathname.split("/").pop();
    expect(await count(`SELECT count(*) AS n FROM "Application" WHERE "needId" = $1`, [needId])).toBe(1);
    await context.close();
  });
}

test("a chat message sent without JavaScript on a laggy link is stored once however often 发送 is tapped", async ({
  browser,
}) => {
  const { page, context, net } = await signedIn(browser, "EXPERT", false);
  const [conversation] = await query<{ id: string }>(
    `SELECT m."conversationId" AS id FROM "ConversationMember" m JOIN "User" u ON u.id = m."userId"
     WHERE u.email = $1 LIMIT 1`,
    [login("EXPERT")],
  );
  expect(
    conversation,
    "the conversation the chat field test opened (chat-cuts.spec.ts runs first)",
  ).toBeTruthy();
  await page.goto(`/messages/${conversation!.id}`);
  const body = `无脚本三连击 ${Date.now()}`;
  await page.getByLabel("消息内容").fill(body);
  await net.shape(LAGGY_LINK);
  await tap(page, "发送", 3);
  await expect(page.getByRole("log").getByText(body)).toBeVisible({ timeout: 60_000 });
  expect(await count(`SELECT count(*) AS n FROM "Message" WHERE body = $1`, [body])).toBe(1);
  await context.close();
});
