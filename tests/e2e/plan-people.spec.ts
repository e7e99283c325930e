import { expect, test, type Page } from "@playwright/test";
import { DEMO_INFORMANT_LOGIN } from "../../app/modules/demo/seed-reach.server";
import {
  demoLogin,
  dispatchNewCommissioner,
  expectFitsPhone,
  fenOf,
  luoyangDay,
  phoneAs,
  rows,
  uniqueTag,
} from "./plan-helpers";

/*
 * Issue 23's check, on phones (375×667): an informant records a poor household, the cooperative
 * records a dividend linkage to it and pays one period, a commissioner team leads (领办) a project
 * that the county verifies, and the bureau dashboard's households-reached and money-to-households
 * figures move by exactly what was added, equal to counts made in SQL.
 */

/** The year's figures as the dashboard defines them (linkage.figures.server.ts), counted here. */
async function linkageFiguresInDb(year: number) {
  // Luoyang years: [year-01-01 00:00 +08:00, next year's) in the UTC timestamps the database keeps.
  const start = `${year - 1}-12-31 16:00:00`;
  const end = `${year}-12-31 16:00:00`;
  const [reached] = await rows<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Household" h
     WHERE EXISTS (SELECT 1 FROM "HouseholdLink" l WHERE l."householdId" = h.id
                     AND l."createdAt" < $2 AND (l."endedAt" IS NULL OR l."endedAt" > $1))
        OR EXISTS (SELECT 1 FROM "BenefitPayment" p JOIN "BenefitLinkage" bl ON bl.id = p."linkageId"
                     WHERE bl."householdId" = h.id AND p."paidOn" >= $1 AND p."paidOn" < $2)`,
    [start, end],
  );
  const [money] = await rows<{ fen: string }>(
    `SELECT coalesce(sum("amountFen"), 0)::bigint AS fen FROM "BenefitPayment"
     WHERE "paidOn" >= $1 AND "paidOn" < $2`,
    [start, end],
  );
  return { households: reached.n, moneyFen: Number(money.fen) };
}

async function dashboardFigures(bureau: Page, year: number) {
  // This year's figures: another spec may open next year's cohort, which adds a year to the span.
  await bureau.goto(`/bureau/dashboard?year=${year}`);
  const card = bureau.locator("dl").filter({ has: bureau.getByTestId("households-reached") });
  await expect(card).toContainText(`${year} · 覆盖农户（户）`);
  return {
    households: Number(await bureau.getByTestId("households-reached").innerText()),
    moneyFen: fenOf(await bureau.getByTestId("money-to-households").innerText()),
  };
}

test("a household recorded by the informant, a dividend paid to it and a team's 领办 project verified by the county move the dashboard by exactly that", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const tag = uniqueTag();
  const code = `LC-${tag}`;
  const today = luoyangDay();
  const year = Number(today.slice(0, 4));

  // The bureau reads the figures first; the page equals the database's own count.
  const bureau = await phoneAs(browser, demoLogin("BUREAU"));
  const before = await dashboardFigures(bureau, year);
  expect(before).toEqual(await linkageFiguresInDb(year));

  // The county officer lists 庙子镇庙子村 (one of the demo informant's villages) unless it is there.
  const officer = await phoneAs(browser, demoLogin("COUNTY"));
  const listed = await rows<{ id: string }>(
    `SELECT id FROM "Village" WHERE "countyCode" = '410324' AND township = '庙子镇' AND name = '庙子村'`,
  );
  if (listed.length === 0) {
    await officer.goto("/villages/new");
    await officer.getByLabel("乡镇").fill("庙子镇");
    await officer.getByLabel("村名").fill("庙子村");
    await officer.getByRole("button", { name: "保存村庄" }).click();
    await expect(officer.getByRole("heading", { level: 1, name: "庙子村" })).toBeVisible();
  }

  // The informant records the household on her phone.
  const informant = await phoneAs(browser, DEMO_INFORMANT_LOGIN);
  await informant.goto("/villages");
  await informant.getByRole("link", { name: "庙子村" }).click();
  await informant.getByRole("link", { name: "登记贫困户" }).click();
  await informant.getByLabel("建档立卡户编号").fill(code);
  await informant.getByLabel("户主姓名").fill("刘长顺");
  await informant.getByLabel("家庭人口").fill("3");
  await informant.getByLabel("产业帮扶").check();
  await informant.getByRole("button", { name: "保存" }).click();
  await expect(informant.getByRole("heading", { level: 1, name: `贫困户 ${code}` })).toBeVisible();
  expect(
    await rows(`SELECT size, status::text FROM "Household" WHERE code = $1 AND "countyCode" = '410324'`, [
      code,
    ]),
  ).toEqual([{ size: 3, status: "POOR" }]);

  // The cooperative links the household by dividend from the start of the year and pays one period.
  const coop = await phoneAs(browser, demoLogin("VILLAGE"));
  await coop.goto("/linkage/new");
  expect(await expectFitsPhone(coop)).toBe(1);
  await coop.getByLabel("农户编号（本县建档立卡户编号）").fill(code);
  await coop.getByLabel("联结方式").selectOption({ label: "分红" });
  await coop.getByLabel("联结条款").fill("以扶贫资金入股香菇大棚，每年按股分红，每股 300 元。");
  await coop.getByLabel("开始日期").fill(`${year}-01-01`);
  await coop.getByRole("button", { name: "保存" }).click();
  await expect(coop.getByRole("status")).toHaveText("已记录利益联结。");
  await expect(coop.getByRole("heading", { level: 1 })).toHaveText("利益联结 · 分红");
  // The payment and end forms.
  expect(await expectFitsPhone(coop)).toBe(2);
  await coop.getByLabel("本期开始").fill(`${year}-01-01`);
  await coop.getByLabel("本期结束").fill(today);
  await coop.getByLabel("金额（元）").fill("1234.5");
  await coop.getByRole("button", { name: "记录一期支付" }).click();
  await expect(coop.getByRole("status")).toHaveText("已记录支付。");
  await expect(coop.getByTestId("payments").getByRole("listitem")).toHaveCount(1);
  await expect(coop.getByTestId("payments")).toContainText("1234.50 元");
  await expectFitsPhone(coop);
  await coop.goto("/linkage");
  await expect(coop.getByRole("main")).toContainText(code);
  await expectFitsPhone(coop);
  const paid = await rows<{ mechanism: string; amountFen: number }>(
    `SELECT bl.mechanism::text AS mechanism, p."amountFen" FROM "BenefitPayment" p
     JOIN "BenefitLinkage" bl ON bl.id = p."linkageId" JOIN "Household" h ON h.id = bl."householdId"
     WHERE h.code = $1`,
    [code],
  );
  expect(paid).toEqual([{ mechanism: "DIVIDEND", amountFen: 123_450 }]);

  // A newly dispatched commissioner forms a team with the demo commissioner and, as its lead,
  // records that the team leads (领办) a project with the cooperative.
  const { page: lead } = await dispatchNewCommissioner(browser, bureau);
  const teamName = `香菇技术服务队${tag}`;
  await lead.goto("/commissioners/teams");
  await lead.getByLabel("团队名称").fill(teamName);
  await lead.getByLabel("张明 教授").check();
  await lead.getByRole("button", { name: "组建团队" }).click();
  await expect(lead.getByRole("status")).toHaveText("团队已组建，等待成员确认");
  await expectFitsPhone(lead);
  const project = `香菇大棚提质增效${tag}`;
  await lead.goto("/commissioners/ventures/new");
  expect(await expectFitsPhone(lead)).toBe(1);
  await lead.getByLabel("记录为").selectOption({ label: `团队：${teamName}` });
  await lead.getByLabel("方式").selectOption({ label: "领办" });
  await lead.getByLabel("项目名称").fill(project);
  await lead.getByLabel("合作组织").selectOption({ label: "栾川县协心香菇专业合作社 · 栾川县" });
  await lead.getByLabel("开始日期").fill(today);
  await lead.getByRole("button", { name: "保存" }).click();
  await expect(lead.getByRole("status")).toHaveText("项目已记录，等待核实");
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText(`领办 · ${project}`);
  await expect(lead.getByText("待核实", { exact: true })).toBeVisible();
  expect(await expectFitsPhone(lead)).toBe(1);
  const ventureUrl = lead.url();

  // The county officer of 栾川 verifies it.
  await officer.goto(ventureUrl);
  // Two answers wait for the officer, each on screen: 核实, or 退回 with a reason.
  expect(await expectFitsPhone(officer)).toBe(2);
  await expect(officer.getByRole("button", { name: "退回（不予核实）" })).toBeVisible();
  await officer.getByRole("button", { name: "核实", exact: true }).click();
  await expect(officer.getByRole("status")).toHaveText("已核实");
  await expect(officer.getByText("已核实", { exact: true }).last()).toBeVisible();
  await expect(officer.getByRole("button", { name: "核实" })).toHaveCount(0);
  const ventures = await rows<{ role: string; team: string; verified: boolean }>(
    `SELECT v.role::text AS role, t.name AS team, v."verifiedAt" IS NOT NULL AS verified
     FROM "CommissionerVenture" v JOIN "CommissionerTeam" t ON t.id = v."teamId" WHERE v.title = $1`,
    [project],
  );
  expect(ventures).toEqual([{ role: "LEAD", team: teamName, verified: true }]);

  // The bureau's linkage overview lists it (the household by number only) on a phone too.
  await bureau.goto("/bureau/linkage");
  await expect(bureau.getByRole("main")).toContainText(code);
  await expectFitsPhone(bureau);

  // The dashboard moved by one household and the one payment, and still equals the database.
  const after = await dashboardFigures(bureau, year);
  expect(after).toEqual(await linkageFiguresInDb(year));
  expect(after.households - before.households).toBe(1);
  expect(after.moneyFen - before.moneyFen).toBe(123_450);
});
