import { expect, test } from "@playwright/test";
import { count, query, signedIn, tapOnLaggyLink } from "./field";

/*
 * A programme application (申报) tapped three times on a laggy link, with JavaScript and without:
 * one application reaches the database and the page says it was submitted.
 */

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`applying to a programme ${how}: a triple tap on 提交申报 sends one application`, async ({
    browser,
  }) => {
    const coop = await signedIn(browser, "VILLAGE", javaScriptEnabled);
    const [programme] = await query<{ id: string }>(
      `SELECT id FROM "Programme" WHERE kind = 'POST_SUBSIDY' AND status = 'OPEN' ORDER BY "createdAt" LIMIT 1`,
    );
    const title = `三连击申报 ${javaScriptEnabled ? "js" : "nojs"} ${Date.now()}`;
    await coop.page.goto(`/programmes/${programme!.id}/apply`);
    await coop.page.getByLabel("项目名称").fill(title);
    await coop.page
      .getByLabel("项目简介")
      .fill("推广菌棒灭菌、接种和发菌标准化流程，培训 40 户农户，降低菌棒污染率。");
    await coop.page.getByLabel("产业").selectOption({ label: "种植" });
    await coop.page.getByLabel("申请金额（元）").fill("60000");
    await coop.page.getByLabel("设备费").fill("60000");
    await tapOnLaggyLink(coop, "提交申报", "申报已提交。");
    await expect(coop.page.getByRole("heading", { name: title })).toBeVisible();
    expect(await count(`SELECT count(*) AS n FROM "ProgrammeApplication" WHERE title = $1`, [title])).toBe(1);
    await coop.context.close();
  });
}
