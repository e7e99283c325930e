import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { DEMO_COUNTY_TRIAGE_TITLE, DEMO_PRESCREEN_TITLE } from "../../app/modules/demo/seed-counties.server";
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

test("栾川县's county officer triages a need of the county and pre-screens an application on a phone", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await logInAs(page, login("COUNTY"), DEMO_PASSWORD);

  // The workspace says what waits and leads to the workbench, which shows the county's tools only.
  await page.goto("/workspace");
  const waiting = page.getByRole("region", { name: "待办" });
  await expect(waiting.getByRole("listitem").filter({ hasText: "县区初审" })).toContainText(/\d+ 项待处理/);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "监管" }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: /^县区初审/ })).toBeVisible();
  await expect(main.getByRole("link", { name: /^项目资助/ })).toHaveCount(0);

  // Triage: the informant's need has waited sixty hours with no application.
  await main.getByRole("link", { name: /^分诊/ }).click();
  await expect(page.getByLabel("县区", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: `分派 ${DEMO_COUNTY_TRIAGE_TITLE}` }).click();
  const assignee = page.getByLabel("分派给");
  const expert = await assignee.locator("option", { hasText: "张明" }).first().getAttribute("value");
  await assignee.selectOption(expert!);
  await page.getByRole("button", { name: "分派" }).click();
  await expect(page.getByRole("status")).toHaveText("已分派");
  const assigned = await rows<{ status: string; assigneeId: string; assignedBy: string }>(
    `SELECT t.status, t."assigneeId", u.email AS "assignedBy" FROM "TriageAssignment" t
     JOIN "Need" n ON n.id = t."needId" JOIN "User" u ON u.id = t."assignedById" WHERE n.title = $1`,
    [DEMO_COUNTY_TRIAGE_TITLE],
  );
  expect(assigned).toEqual([{ status: "ASSIGNED", assigneeId: expert, assignedBy: login("COUNTY") }]);

  // Pre-screening: the cooperative's application waits for the county's opinion.
  await page.goto("/bureau");
  await main.getByRole("link", { name: /^县区初审/ }).click();
  await page.getByRole("link", { name: DEMO_PRESCREEN_TITLE }).click();
  await expect(page.getByRole("heading", { name: DEMO_PRESCREEN_TITLE })).toBeVisible();
  await expect(page.getByRole("button", { name: /拨付/ })).toHaveCount(0);
  await page.getByLabel("初审意见").selectOption({ label: "推荐" });
  await page.getByLabel("意见说明").fill("合作社有菌渣处理基础，带动社员明确，建议支持。");
  await page.getByRole("button", { name: "提交初审意见" }).click();
  await expect(page.getByRole("status")).toHaveText("初审意见已记录。");
  const opinions = await rows<{ recommend: boolean; note: string; officer: string }>(
    `SELECT c.recommend, c.note, u.email AS officer FROM "CountyOpinion" c
     JOIN "ProgrammeApplication" a ON a.id = c."applicationId" JOIN "User" u ON u.id = c."officerId"
     WHERE a.title = $1`,
    [DEMO_PRESCREEN_TITLE],
  );
  expect(opinions).toEqual([
    { recommend: true, note: "合作社有菌渣处理基础，带动社员明确，建议支持。", officer: login("COUNTY") },
  ]);

  // The city bureau reads the opinion on its own page of the application.
  const [{ id }] = await rows<{ id: string }>(`SELECT id FROM "ProgrammeApplication" WHERE title = $1`, [
    DEMO_PRESCREEN_TITLE,
  ]);
  const city = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logInAs(city, login("BUREAU"), DEMO_PASSWORD);
  await city.goto(`/bureau/programmes/applications/${id}`);
  await expect(city.getByText("栾川县初审：推荐")).toBeVisible();
});
