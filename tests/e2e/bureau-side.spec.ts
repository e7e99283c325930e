import ExcelJS from "exceljs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs, uniqueMobile } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

async function newPage(browser: Browser, role: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logInAs(page, login(role), DEMO_PASSWORD);
  return page;
}

test("a farmer requests a space's service; the space answers, finishes it, and is rated", async ({
  browser,
}) => {
  // Two people on phones take turns through six steps: more than one page's worth of time.
  test.setTimeout(60_000);
  const farmer = await newPage(browser, "FARMER");
  const space = await newPage(browser, "SPACE");
  const description = `想检测今年的香菇干品农残，约 200 公斤，批次 ${uniqueMobile().slice(-5)}。`;

  await farmer.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "星创天地" }).click();
  // The county map, with its text version.
  await expect(farmer.getByRole("img", { name: "各县区星创天地数量" })).toBeVisible();
  await expect(farmer.getByRole("link", { name: "嵩县：1 家" })).toBeVisible();
  await farmer.getByRole("link", { name: "嵩县伊河星创天地" }).click();
  await farmer
    .getByRole("listitem")
    .filter({ hasText: "食用菌农残与重金属质量检测" })
    .getByRole("link", { name: "申请这项服务" })
    .click();
  await farmer.getByLabel("需求说明").fill(description);
  // Spaces report who they serve (plan §3): the request asks which group the person is in.
  await farmer.getByLabel("您是").selectOption({ label: "职业农民" });
  await farmer.getByRole("button", { name: "提交申请" }).click();
  await expect(farmer.getByRole("status")).toHaveText("申请已提交，星创天地会尽快答复");

  await space.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "服务申请" }).click();
  const card = space.getByRole("article").filter({ hasText: description });
  await card.getByLabel("答复").fill("周三上午 9 点到合作社取样，联系人陈工 13900000000。");
  await card.getByRole("button", { name: "接受" }).click();
  await expect(space.getByRole("status")).toHaveText("已接受申请，并已通知申请人");
  await space
    .getByRole("article")
    .filter({ hasText: description })
    .getByRole("button", { name: "标记为已完成" })
    .click();
  await expect(space.getByRole("status")).toHaveText("已标记为完成");

  await farmer.goto("/requests");
  const mine = farmer.getByRole("article").filter({ hasText: description });
  await expect(mine).toContainText("已完成");
  await mine.getByLabel("评分（1–5）").selectOption({ label: "5 分" });
  await mine.getByRole("button", { name: "提交评价" }).click();
  await expect(farmer.getByRole("status")).toHaveText("感谢您的评价");
});

test("the bureau adds a creative-agriculture demonstration site and designates it; the dashboard counts it and exports Excel", async ({
  browser,
}) => {
  const bureau = await newPage(browser, "BUREAU");
  const name = `宜阳县花果山采摘示范园 ${uniqueMobile().slice(-4)}`;
  await bureau.goto("/demos");
  await bureau.getByRole("link", { name: "新增示范点" }).click();
  await bureau.getByLabel("示范点名称").fill(name);
  await bureau.getByLabel("类型").selectOption({ label: "采摘园" });
  await bureau.getByLabel("县区").selectOption({ label: "宜阳县" });
  await bureau.getByLabel("村").fill("花果山乡");
  await bureau
    .getByLabel("介绍")
    .fill("以樱桃、葡萄采摘为主，配套研学课堂和农产品展销，带动周边 60 户种植户。");
  await bureau.getByLabel("面积（亩）").fill("260");
  await bureau.getByRole("button", { name: "保存" }).click();
  await expect(bureau.getByRole("status")).toHaveText("示范点已创建");
  // Both steps answer with the same toast: each waits for the page of the new status instead.
  await bureau.getByRole("button", { name: "开始建设" }).click();
  await bureau.getByRole("button", { name: "认定为示范点" }).click();
  await expect(bureau.getByRole("button", { name: "认定为示范点" })).toBeHidden();
  await expect(bureau.getByRole("main").getByText("已认定", { exact: true })).toBeVisible();

  await bureau.goto("/demos?county=410327");
  await expect(bureau.getByRole("link", { name })).toBeVisible();

  await bureau.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "监管" }).click();
  await bureau
    .getByRole("main")
    .getByRole("link", { name: /^数据看板/ })
    .click();
  await expect(bureau.getByRole("heading", { name: "数据看板", level: 1 })).toBeVisible();
  const download = bureau.waitForEvent("download");
  await bureau.getByRole("link", { name: "导出 Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await (await download).path());
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    "目标完成",
    "年度",
    "县区",
    "产业",
    "融资对接",
    "利益联结",
    "计划中的人与机制",
  ]);
  // Yiyang county's row counts at least the site just designated.
  const counties = workbook.getWorksheet("县区")!;
  let demoColumn = 0;
  counties.getRow(1).eachCell((cell, column) => {
    if (String(cell.value).includes("示范")) demoColumn ||= column;
  });
  expect(demoColumn).toBeGreaterThan(0);
  const yiyang = counties
    .getRows(2, counties.rowCount - 1)!
    .find((row) => row.getCell(1).value === "宜阳县")!;
  expect(Number(yiyang.getCell(demoColumn).value)).toBeGreaterThanOrEqual(1);
});

test("a branding request grows into a brand project that moves through its stages", async ({ browser }) => {
  const village = await newPage(browser, "VILLAGE");
  await village.goto("/needs");
  await village.getByRole("link", { name: "协心村香菇区域品牌设计与商标注册" }).click();
  await village.getByRole("link", { name: "启动品牌孵化项目" }).click();
  await village.getByLabel("品牌名称").fill("协心山菇");
  await village.getByLabel("孵化机构").selectOption({ label: "嵩县伊河星创天地" });
  await village.getByRole("button", { name: "启动项目" }).click();
  await expect(village.getByRole("status")).toHaveText("品牌孵化项目已启动");

  const form = (title: string) =>
    village.locator("form").filter({ has: village.getByRole("heading", { name: title }) });
  await form("发布进展")
    .getByLabel("进展说明")
    .fill("走访 30 户社员，整理了协心村香菇的种植历史和口感特点。");
  await form("发布进展").getByRole("button", { name: "发布进展" }).click();
  await expect(village.getByRole("status")).toHaveText("进展已发布");
  for (const [stage, next] of [
    ["品牌设计", "商标申请"],
    ["商标申请", "上市推广"],
  ]) {
    const advance = village
      .locator("form")
      .filter({ has: village.getByRole("heading", { name: `进入「${stage}」阶段` }) });
    await advance.getByLabel("进展说明").fill(`调研完成，进入${stage}阶段。`);
    await advance.getByRole("button", { name: "进入下一阶段" }).click();
    // The same toast follows each step: wait for the page of the next stage instead.
    await expect(village.getByRole("heading", { name: `进入「${next}」阶段` })).toBeVisible();
  }
  // Launch needs the trademark application number.
  const toLaunch = village
    .locator("form")
    .filter({ has: village.getByRole("heading", { name: "进入「上市推广」阶段" }) });
  await toLaunch.getByLabel("进展说明").fill("商标申请已受理。");
  await toLaunch.getByRole("button", { name: "进入下一阶段" }).click();
  await expect(toLaunch.getByText("进入上市阶段前请填写商标申请号")).toBeVisible();
  await toLaunch.getByLabel("商标申请号").fill("68123456");
  await toLaunch.getByLabel("进展说明").fill("商标申请已受理。");
  await toLaunch.getByRole("button", { name: "进入下一阶段" }).click();
  await expect(village.getByRole("heading", { name: "完成上市" })).toBeVisible();
  await expect(village.getByRole("main")).toContainText("68123456");
});
