import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { periodKeyAt, periodOf } from "../../app/modules/reports/reports.periods";
import { queryAppDatabase } from "../support/app-database";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;
const dataDir = () => process.env.E2E_DATA_DIR!;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  return context.newPage();
}

type ReturnRow = { id: string; status: string; snapshot: { figures: { needsPosted: number } } | null };

test("a county officer submits 栾川县's monthly return; the city sees it frozen in the roll-up", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Last month: a return can be submitted only once its period is over.
  const thisMonth = periodOf("MONTH", periodKeyAt("MONTH"));
  const month = periodKeyAt("MONTH", new Date(thisMonth.start.getTime() - 1));
  const inLastMonth = new Date(periodOf("MONTH", month).start.getTime() + 36 * 3600 * 1000);
  const county = await newPage(browser);
  await logInAs(county, login("COUNTY"), DEMO_PASSWORD);

  // The county officer finds the returns through the bureau's start page, with the city's deadline.
  await county.goto("/bureau");
  await county
    .getByRole("main")
    .getByRole("link", { name: /^统计报表/ })
    .click();
  await expect(county.getByRole("heading", { name: "统计报表", level: 1 })).toBeVisible();
  await expect(county.getByText(new RegExp(`月报 ${month}：\\d{4}-\\d{2}-\\d{2} 前上报`))).toBeVisible();

  // This month's return cannot be submitted yet: the page says from when instead of a button.
  await county.getByLabel("报表类型").selectOption("MONTH");
  await county.getByLabel("报告期").fill(thisMonth.key);
  await county.getByRole("button", { name: "生成报表" }).click();
  await expect(county.getByRole("heading", { name: `栾川县月报（${thisMonth.key}）` })).toBeVisible();
  await expect(county.getByText(/报告期结束后才能提交：\d{4}-\d{2}-01 起可以提交。/)).toBeVisible();
  await expect(county.getByRole("button", { name: "提交报表" })).toHaveCount(0);
  await county.getByRole("link", { name: "返回报表列表" }).click();

  // Generate last month's return (a double tap makes one), write the narrative, submit.
  await county.getByLabel("报表类型").selectOption("MONTH");
  await county.getByLabel("报告期").fill(month);
  await county.getByRole("button", { name: "生成报表" }).dblclick();
  await expect(county.getByRole("heading", { name: `栾川县月报（${month}）` })).toBeVisible();
  await expect(county.getByText("草稿：数字为当前实时计算，提交时冻结。")).toBeVisible();
  await county.getByLabel("工作说明").fill("本月栾川县香菇种植技术对接进展顺利。");
  await county.getByRole("button", { name: "保存说明" }).click();
  await expect(county.getByRole("status")).toHaveText("说明已保存");
  await county.getByRole("button", { name: "提交报表" }).click();
  await expect(county.getByRole("status")).toHaveText("报表已提交，数字已冻结");
  await expect(county.getByText("已提交：以下数字为提交时冻结的快照，不随数据变化。")).toBeVisible();

  const rows = await queryAppDatabase<ReturnRow>(
    dataDir(),
    `SELECT id, status, snapshot FROM "ReportReturn" WHERE "periodKind" = 'MONTH' AND "periodKey" = $1 AND scope = '410324'`,
    [month],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe("SUBMITTED");
  const frozen = rows[0]!.snapshot!.figures.needsPosted;
  await expect(county.locator('[data-figure="needsPosted"]')).toHaveText(String(frozen));

  // The Excel file downloads in its fixed layout.
  const [download] = await Promise.all([
    county.waitForEvent("download"),
    county.getByRole("link", { name: "下载 Excel" }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path())!)).buffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    "封面 Cover",
    "指标 Figures",
    "杠杆 Leverage",
  ]);
  expect(workbook.getWorksheet("指标 Figures")!.getCell("C12").value).toBe(frozen);

  // The data changes afterwards: a new need in 栾川县 in that month. The submitted return does not.
  await queryAppDatabase(
    dataDir(),
    `INSERT INTO "Need" (id, "postedById", title, description, industry, "countyCode", arrangements, status, "publishedAt", "updatedAt")
     SELECT 'e2e-report-' || md5(random()::text), id, '核桃修剪技术', '需要修剪指导', 'PLANTING', '410324',
       ARRAY['PAID_SERVICE']::"ArrangementType"[], 'OPEN', $2::timestamptz AT TIME ZONE 'UTC', now()
     FROM "User" WHERE email = $1`,
    [login("COUNTY"), inLastMonth.toISOString()],
  );
  const after = await queryAppDatabase<ReturnRow>(
    dataDir(),
    `SELECT id, status, snapshot FROM "ReportReturn" WHERE id = $1`,
    [rows[0]!.id],
  );
  expect(after[0]!.snapshot!.figures.needsPosted).toBe(frozen);
  await county.reload();
  await expect(county.locator('[data-figure="needsPosted"]')).toHaveText(String(frozen));

  // The city's leading group sees 栾川县 submitted in the roll-up.
  const bureau = await newPage(browser);
  await logInAs(bureau, login("BUREAU"), DEMO_PASSWORD);
  await bureau.goto("/bureau/reports");
  await bureau.getByRole("link", { name: "打开汇总" }).click();
  await expect(bureau.getByRole("heading", { name: "领导小组汇总" })).toBeVisible();
  await expect(bureau.locator('[data-county="410324"]')).toHaveText(/已提交/);
  await expect(bureau.getByRole("link", { name: "栾川县" })).toBeVisible();
});
