import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

/** Serious and critical axe findings (WCAG 2.1 A and AA) on the page as it stands. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      where: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}

/** Opens each path and checks it; the first link matching `follow` on a list page leads to a detail page checked too. */
async function check(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page), path).toEqual([]);
  }
}

async function firstDetail(page: Page, list: string, pattern: RegExp) {
  await page.goto(list);
  const href = await page.locator(`main a[href]`).evaluateAll((links, source) => {
    const re = new RegExp(source);
    return (
      (links as HTMLAnchorElement[]).map((a) => a.getAttribute("href")!).find((value) => re.test(value)) ??
      null
    );
  }, pattern.source);
  expect(href, `a detail link on ${list}`).not.toBeNull();
  return href!;
}

test("public pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000);
  const need = await firstDetail(page, "/needs", /^\/needs\/[a-z0-9]+$/);
  const offer = await firstDetail(page, "/offers", /^\/offers\/[a-z0-9]+$/);
  const space = await firstDetail(page, "/spaces", /^\/spaces\/[a-z0-9]+$/);
  await check(page, [
    "/",
    "/needs",
    need,
    "/offers",
    offer,
    "/search?q=香菇",
    "/spaces",
    space,
    "/services",
    "/programmes",
    "/brands",
    "/demos",
    "/login",
    "/register",
    "/claim",
    "/api/v1/docs",
  ]);
});

test("a cooperative's pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000);
  await logInAs(page, login("VILLAGE"), DEMO_PASSWORD);
  const agreement = await firstDetail(page, "/agreements", /^\/agreements\/[a-z0-9]+$/);
  await check(page, [
    "/workspace",
    "/needs/new",
    "/agreements",
    agreement,
    "/wallet",
    "/messages",
    "/notifications",
    "/account",
    "/account/tokens",
  ]);
});

for (const [who, identifier, paths] of [
  ["an expert", login("EXPERT"), ["/workspace", "/account/profile", "/account/invitations", "/offers/new"]],
  ["an informant", "informant@demo.xiangke.cn", ["/informant", "/informant/new"]],
  [
    "the bureau",
    login("BUREAU"),
    [
      "/bureau",
      "/bureau/dashboard",
      "/bureau/verifications",
      "/bureau/programmes",
      "/bureau/triage?county=410324",
      "/bureau/reviews",
      "/bureau/informants",
      "/bureau/sanctions",
      "/bureau/disputes",
      "/bureau/commissioners",
      "/bureau/audit",
    ],
  ],
  ["the finance bureau", login("FINANCE"), ["/bureau/finance"]],
] as const) {
  test(`${who}'s pages have no serious accessibility violations`, async ({ page }) => {
    test.setTimeout(120_000);
    await logInAs(page, identifier, DEMO_PASSWORD);
    await check(page, [...paths]);
  });
}
