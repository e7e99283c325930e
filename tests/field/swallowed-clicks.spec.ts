import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "../e2e/helpers";
import { LAGGY_LINK, login, network, query } from "./field";

/*
 * After a validation error and a corrected value, the first tap on the submit button must send the
 * form. A blur check removed the error text as the finger came down, the button moved up under it,
 * and the tap was lost (seen twice on the programme application). Forms now re-check on input.
 */
test("a programme application, refused then corrected: the first tap on 提交申报 sends it, once", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logInAs(page, login("VILLAGE"), DEMO_PASSWORD);
  await page.goto("/programmes");
  await page.getByRole("link", { name: /特色产业科技扶贫项目后补助/ }).click();
  await page.getByRole("link", { name: "申报", exact: true }).click();
  await page
    .getByLabel("项目简介")
    .fill("推广菌棒灭菌、接种和发菌标准化流程，培训 40 户农户，降低菌棒污染率。");
  await page.getByLabel("实施县区").selectOption({ label: "栾川县" });
  await page.getByLabel("产业").selectOption({ label: "种植" });
  await page.getByLabel("申请金额（元）").fill("六万元");
  await page.getByLabel("设备费").fill("60000");
  await page.getByRole("button", { name: "提交申报" }).click();
  await expect(page.getByLabel("项目名称")).toHaveAttribute("aria-invalid", "true");

  const title = `改正后一次提交 ${Date.now()}`;
  await page.getByLabel("项目名称").fill(title);
  await page.getByLabel("申请金额（元）").fill("60000");
  // The focus is still in the amount field: the tap is the blur, as on a phone.
  const net = await network(page, context);
  await net.shape(LAGGY_LINK);
  await page.getByRole("button", { name: "提交申报" }).click();
  await expect(page.getByRole("status")).toHaveText("申报已提交。", { timeout: 60_000 });
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE title = $1`,
    [title],
  );
  expect(Number(rows[0]!.n)).toBe(1);
  await context.close();
});
