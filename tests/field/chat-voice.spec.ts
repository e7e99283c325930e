import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { agreeToVoiceNotes, logInAs } from "../e2e/helpers";
import { count, login, network, noPendingMessages, outboxCount, query, signedIn } from "./field";

/*
 * A voice note recorded with no signal (Chromium's fake microphone plays a test tone): it waits in
 * the device's outbox through a reload, goes out once the signal is back, reaches the database
 * exactly once, and the other side gets a player for it — counted in the database. Without
 * JavaScript, a recording chosen from the phone goes with the plain form.
 */

let conversationUrl = "";

async function userId(role: string): Promise<string> {
  const name = DEMO_ACCOUNTS.find((account) => account.role === role)!.displayName;
  const rows = await query<{ id: string }>(`SELECT id FROM "User" WHERE "displayName" = $1`, [name]);
  expect(rows, `the demo user ${name}`).toHaveLength(1);
  return rows[0]!.id;
}

async function phone(browser: Browser, role: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  await context.grantPermissions(["microphone"]);
  const page = await context.newPage();
  await logInAs(page, login(role), DEMO_PASSWORD);
  await agreeToVoiceNotes(page);
  return { context, page };
}

/** The client ids this page's device holds in its outbox (IndexedDB). */
function outboxIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open("xiangke-chat");
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const keys = opening.result.transaction("outbox").objectStore("outbox").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

const voiceMessages = (conversationId: string) =>
  count(
    `SELECT count(*) AS n FROM "Message" m JOIN "Upload" u ON u.id = m."attachmentId"
      WHERE m."conversationId" = $1 AND u."mimeType" LIKE 'audio/%'`,
    [conversationId],
  );

test("a voice note recorded offline survives a reload and reaches the other side once", async ({
  browser,
}) => {
  test.setTimeout(4 * 60_000);
  const [farmerId, expertId] = [await userId("FARMER"), await userId("EXPERT")];

  // The farmer opens a direct conversation with the expert from the expert's profile.
  const farmer = await phone(browser, "FARMER");
  await farmer.page.goto(`/experts/${expertId}`);
  await farmer.page.getByRole("button", { name: "发私信" }).click();
  await expect(farmer.page.getByLabel("消息内容")).toBeVisible();
  conversationUrl = farmer.page.url().replace(/#.*$/, "");
  const conversationId = new URL(conversationUrl).pathname.split("/").pop()!;

  // Once the service worker runs the page, a message sent online proves the chat session is up;
  // the page and its scripts are then kept on the phone for the reload without signal.
  await farmer.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await farmer.page.reload();
  await expect.poll(() => farmer.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await farmer.page.getByLabel("消息内容").fill("张教授好，我录段话给您听");
  await farmer.page.getByRole("button", { name: "发送", exact: true }).click();
  await noPendingMessages(farmer.page);
  const before = await count(`SELECT count(*) AS n FROM "Message" WHERE "conversationId" = $1`, [
    conversationId,
  ]);
  expect(before).toBeGreaterThanOrEqual(1);
  expect(await voiceMessages(conversationId)).toBe(0);

  const expert = await phone(browser, "EXPERT");
  await expert.page.goto(conversationUrl);
  await expect(expert.page.getByRole("log").getByText("张教授好，我录段话给您听")).toBeVisible();

  // No signal: the note is recorded, replayed if wanted, and sent into the outbox.
  const net = await network(farmer.page, farmer.context);
  await farmer.context.setOffline(true);
  await net.cut();
  await farmer.page.getByRole("button", { name: "开始录音" }).click();
  await expect(farmer.page.getByRole("status").filter({ hasText: "正在录音" })).toHaveText(
    /正在录音… [1-9]\d* 秒/,
  );
  await farmer.page.getByRole("button", { name: "停止录音" }).click();
  await expect(farmer.page.getByText(/已录好 \d+ 秒/)).toBeVisible();
  await expect(farmer.page.getByLabel("待发送的录音")).toHaveCount(1);
  await farmer.page.getByRole("button", { name: "发送", exact: true }).click();
  const waiting = farmer.page.locator('[data-pending-status="waiting"]');
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByLabel("待发送的录音")).toHaveCount(1);
  // The composer is free again for the next note.
  await expect(farmer.page.getByRole("button", { name: "开始录音" })).toBeVisible();
  await expect.poll(() => outboxCount(farmer.page)).toBe(1);
  const [clientId] = await outboxIds(farmer.page);

  // Reloaded without signal: the page is the phone's copy and the note still waits, on the device only.
  await farmer.page.reload();
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByLabel("待发送的录音")).toHaveCount(1);
  await expect(waiting).toContainText("等待信号");
  expect(await outboxIds(farmer.page)).toEqual([clientId]);
  expect(await voiceMessages(conversationId)).toBe(0);

  // The signal returns: the note goes out by itself, once.
  await farmer.context.setOffline(false);
  await net.restore();
  await noPendingMessages(farmer.page);
  await expect.poll(() => voiceMessages(conversationId)).toBe(1);
  const stored = await query<{ senderId: string; mimeType: string; bytes: number }>(
    `SELECT m."senderId", u."mimeType", u.bytes FROM "Message" m JOIN "Upload" u ON u.id = m."attachmentId"
      WHERE m."conversationId" = $1 AND m."clientId" = $2`,
    [conversationId, clientId],
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ senderId: farmerId, mimeType: expect.stringMatching(/^audio\//) });
  // Recorded at a low bitrate: a few seconds of speech is a few kilobytes, far below the limit.
  expect(stored[0]!.bytes).toBeLessThan(200_000);
  expect(
    await count(
      `SELECT count(*) AS n FROM "Upload" u WHERE u."ownerId" = $1 AND u."mimeType" LIKE 'audio/%'
         AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."attachmentId" = u.id)`,
      [farmerId],
    ),
    "no stray copy of the recording",
  ).toBe(0);
  expect(await outboxCount(farmer.page)).toBe(0);

  // The expert, online all along, gets a player for it without reloading; the recording plays from the server.
  const player = expert.page.getByRole("log").getByLabel("[语音]");
  await expect(player).toHaveCount(1);
  await expect(player).toHaveAttribute("preload", "none");
  const served = await expert.page.request.get((await player.getAttribute("src"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe(stored[0]!.mimeType);
  expect((await served.body()).length).toBe(stored[0]!.bytes);
  // And the farmer's own page shows it stored, with the same player.
  await expect(farmer.page.getByRole("log").getByLabel("[语音]")).toHaveCount(1);

  await farmer.context.close();
  await expert.context.close();
});

test("without JavaScript, a recording chosen from the phone is sent with the form, once", async ({
  browser,
}) => {
  if (!conversationUrl) throw new Error("the conversation the first test of this file opened");
  const conversationId = new URL(conversationUrl).pathname.split("/").pop()!;
  const before = await voiceMessages(conversationId);
  const { page, context } = await signedIn(browser, "EXPERT", false);
  await agreeToVoiceNotes(page);
  await page.goto(conversationUrl);
  // A WebM file as the server checks it: the EBML header, then fixed bytes.
  const buffer = Buffer.alloc(3000, 0x2a);
  buffer.set([0x1a, 0x45, 0xdf, 0xa3]);
  await page.getByLabel("录音").setInputFiles({ name: "回复.webm", mimeType: "audio/webm", buffer });
  await page.getByRole("button", { name: "发送", exact: true }).click();
  await expect(page.getByRole("log").getByLabel("[语音]")).toHaveCount(before + 1);
  expect(await voiceMessages(conversationId)).toBe(before + 1);
  await context.close();
});
