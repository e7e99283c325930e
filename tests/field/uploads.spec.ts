import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { fillNeed, logInAs } from "../e2e/helpers";
import { SLOW_LINK, login, network, query, type LinkProfile } from "./field";

/*
 * A need posted with a 12-megapixel-class photo (3000×2000, about 2.6 MB) on a slow link: the
 * photo is shrunk on the phone before it goes, a progress bar shows the upload, a cut link
 * leaves the form as typed with 网络中断 and 重试, and the retry posts the need once — counted
 * in the database.
 */

/** The answer to the upload takes its time: a cut right after the last byte loses the answer. */
const SLOW_ANSWER_LINK: LinkProfile = { ...SLOW_LINK, latencyMs: 3000 };

let folder = "";
let photo = "";

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "xk-uploads-"));
  photo = path.join(folder, "field-photo.jpg");
  const width = 3000;
  const height = 2000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 1;
  // A gradient with grain, like a field photographed on a phone: it does not compress to nothing.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 48;
      const at = (y * width + x) * 3;
      raw[at] = ((x * 255) / width) * 0.7 + grain;
      raw[at + 1] = ((y * 255) / height) * 0.7 + grain;
      raw[at + 2] = 90 + grain;
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toFile(photo);
});

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function postingNeed(browser: Browser, title: string) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logInAs(page, login("VILLAGE"), DEMO_PASSWORD);
  await page.goto("/needs/new");
  await fillNeed(page, title, photo);
  return { page, context, net: await network(page, context) };
}

const bar = (page: Page) => page.getByRole("progressbar");
/** The share of the body sent so far, read from the bar (its maximum is the body's size). */
const sentShare = (page: Page) =>
  bar(page).evaluate((element) => {
    const progress = element as HTMLProgressElement;
    return progress.hasAttribute("value") ? progress.value / progress.max : 0;
  });
const bodyBytes = async (page: Page) =>
  Number(await bar(page).evaluate((element) => (element as HTMLProgressElement).max));

async function storedPhotos(title: string) {
  return query<{ needs: string; bytes: number; width: number }>(
    `SELECT (SELECT count(*) FROM "Need" WHERE title = $1) AS needs, u.bytes, u.width
       FROM "Need" n JOIN "NeedPhoto" p ON p."needId" = n.id JOIN "Upload" u ON u.id = p."uploadId"
      WHERE n.title = $1`,
    [title],
  );
}

async function needCount(title: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Need" WHERE title = $1`, [title]);
  return Number(row!.n);
}

/** The retry went through: the need's page, with its one photo, and exactly one need stored. */
async function postedOnce(page: Page, title: string) {
  await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 60_000 });
  const photos = await storedPhotos(title);
  expect(photos).toHaveLength(1);
  expect(Number(photos[0]!.needs)).toBe(1);
  expect(photos[0]!.bytes).toBeLessThan(statSync(photo).size);
  expect(photos[0]!.width).toBeLessThanOrEqual(1600);
}

test("a need with a photo: cut mid-upload, 重试 posts it once with the shrunk photo", async ({ browser }) => {
  const title = `断网上传 ${Date.now()}`;
  const { page, context, net } = await postingNeed(browser, title);
  await net.shape(SLOW_LINK);
  await page.getByRole("button", { name: "发布", exact: true }).click();

  await expect(bar(page)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /上传中 \d+%/ })).toBeVisible();
  await expect.poll(() => sentShare(page)).toBeGreaterThan(0.2);
  // What leaves the phone is the shrunk photo, not the 2.6 MB original.
  const sent = await bodyBytes(page);
  expect(sent).toBeLessThan(statSync(photo).size / 3);
  await net.cut();

  await expect(page.getByRole("alert").filter({ hasText: "网络中断" })).toBeVisible();
  await expect(page.getByLabel("标题")).toHaveValue(title);
  expect(await needCount(title)).toBe(0);

  await net.restore();
  await page.getByRole("button", { name: "重试", exact: true }).click();
  await postedOnce(page, title);
  await context.close();
});

test("a need with a photo: the answer lost after the upload, 重试 gets the first answer", async ({
  browser,
}) => {
  const title = `回复丢失 ${Date.now()}`;
  const { page, context, net } = await postingNeed(browser, title);
  await net.shape(SLOW_ANSWER_LINK);
  await page.getByRole("button", { name: "发布", exact: true }).click();

  // Every byte is sent; the server stores the need while its answer is still on the way.
  await expect.poll(() => sentShare(page), { timeout: 60_000 }).toBe(1);
  await net.cut();
  await expect(page.getByRole("alert").filter({ hasText: "网络中断" })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => needCount(title)).toBe(1);

  await net.restore();
  await page.getByRole("button", { name: "重试", exact: true }).click();
  await postedOnce(page, title);
  await context.close();
});
