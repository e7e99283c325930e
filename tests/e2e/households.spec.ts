import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { DEMO_INFORMANT_LOGIN } from "../../app/modules/demo/seed-reach.server";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

/** One query against the app's own database: what reached it, not what the page says. */
async function rows<T>(sql: string, params: unknown[]): Promise<T[]> {
  const url = readFileSync(path.join(process.env.E2E_DATA_DIR!, "database-url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test("an informant records a household in a listed village; the county officer sees it masked, reveals it, and the audit log has the row", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const code = `LC-${Date.now().toString(36).toUpperCase()}`;

  // The county officer adds 陶湾镇协心村, one of the demo informant's villages.
  const officer = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await logInAs(officer, login("COUNTY"), DEMO_PASSWORD);
  await officer.goto("/villages/new");
  await officer.getByLabel("乡镇").fill("陶湾镇");
  await officer.getByLabel("村名").fill("协心村");
  await officer.getByRole("button", { name: "保存村庄" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "协心村" })).toBeVisible();
  const villageUrl = officer.url();

  // The informant records a household there on a phone.
  const informant = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await logInAs(informant, DEMO_INFORMANT_LOGIN, DEMO_PASSWORD);
  await informant.goto("/villages");
  await informant.getByRole("link", { name: "协心村" }).click();
  await informant.getByRole("link", { name: "登记贫困户" }).click();
  await informant.getByLabel("建档立卡户编号").fill(code);
  await informant.getByLabel("户主姓名").fill("张三丰");
  await informant.getByLabel("身份证号后四位（选填）").fill("123x");
  await informant.getByLabel("家庭人口").fill("4");
  await informant.getByLabel("产业帮扶").check();
  await informant.getByRole("button", { name: "保存" }).click();
  await expect(informant.getByRole("heading", { level: 1, name: `贫困户 ${code}` })).toBeVisible();
  const recorded = await rows<{ headName: string; idLast4: string; size: number }>(
    `SELECT "headName", "idLast4", size FROM "Household" WHERE code = $1`,
    [code],
  );
  expect(recorded).toEqual([{ headName: "张三丰", idLast4: "123X", size: 4 }]);

  // The county officer sees the household masked in the village, then asks to see it in full.
  await officer.goto(villageUrl);
  const item = officer.getByRole("listitem").filter({ hasText: code });
  await expect(item).toContainText("张**");
  await expect(item).not.toContainText("张三丰");
  await item.getByRole("link", { name: code }).click();
  await expect(officer.locator("[data-head-name]")).toHaveText("张**");
  await officer.getByRole("link", { name: "查看完整信息（将记录在审计日志）" }).click();
  await expect(officer.locator("[data-head-name]")).toHaveText("张三丰");
  await expect(officer.locator("[data-id-last4]")).toHaveText("123X");
  const scroll = await officer.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(375);

  const audit = await rows<{ email: string }>(
    `SELECT u.email FROM "AuditLog" a JOIN "User" u ON u.id = a."actorId"
     JOIN "Household" h ON h.id = a."subjectId" WHERE a.action = 'household.viewed' AND h.code = $1`,
    [code],
  );
  expect(audit).toEqual([{ email: login("COUNTY") }]);
});
