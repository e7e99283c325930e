import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

/** The demo's signed 技术承包 between the cooperative and the expert, printed. */
async function openPrintedContract(page: Page) {
  await logInAs(page, login("VILLAGE"), DEMO_PASSWORD);
  await page.goto("/agreements");
  await page
    .getByRole("link", { name: /香菇大棚夏季出菇改造技术承包/ })
    .first()
    .click();
  await page.getByRole("link", { name: "打印合同" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("技术服务合同");
}

async function expectEveryClause(page: Page) {
  const contract = page.getByRole("main");
  for (const clause of [
    "合同标的",
    "合同期限",
    "服务内容、交付成果与验收标准",
    "价款支付（平台托管）与验收",
    "保密",
    "知识产权归属",
    "违约责任",
    "争议解决",
    "签署与生效",
  ])
    await expect(
      contract.getByRole("heading", { level: 2, name: new RegExp(`第.+条 ${clause}$`) }),
    ).toBeVisible();
  await expect(contract).toContainText("统一社会信用代码：93410324MA0XK0001Q");
  await expect(contract).toContainText("法定代表人（负责人）：王建国");
  await expect(contract).toContainText("委托代理人（项目负责人）：王建国（已通过平台认证）");
  await expect(contract).toContainText("背景知识产权");
  await expect(contract).toContainText("后续改进");
  await expect(contract).toContainText("提交洛阳仲裁委员会");
  await expect(contract).toContainText("甲方（盖章）：栾川县协心香菇专业合作社");
  await expect(contract).toContainText("法定代表人或委托代理人（签字）");
  await expect(contract).not.toContainText("双方经平台验证身份");
}

test("the printed contract reads on a phone and prints on A4 with every clause", async ({ browser }) => {
  test.setTimeout(90_000);
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await openPrintedContract(phone);
  await expectEveryClause(phone);
  await expect(phone.getByRole("button", { name: "下载 PDF / 打印" })).toBeVisible();
  await expect(phone.getByText("选择“另存为 PDF”")).toBeVisible();
  // Nothing is wider than the phone: the contract reads without sideways scrolling.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: "/tmp/contract-phone.png", fullPage: true });

  const paper = await (await browser.newContext({ viewport: { width: 794, height: 1123 } })).newPage();
  await openPrintedContract(paper);
  await expectEveryClause(paper);
  const pdf = await paper.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  // More than one A4 page, and the signature lines on the last one with the dates.
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
  const pdftoppm = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"].find((path) => existsSync(path));
  if (pdftoppm) {
    const dir = mkdtempSync(join(tmpdir(), "contract-"));
    writeFileSync(join(dir, "contract.pdf"), pdf);
    execFileSync(pdftoppm, [
      "-png",
      "-r",
      "80",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(dir, "contract.pdf"),
      join(dir, "page"),
    ]);
    writeFileSync("/tmp/contract-a4.png", readFileSync(join(dir, "page.png")));
  } else {
    await paper.emulateMedia({ media: "print" });
    await expect(paper.getByRole("button", { name: "下载 PDF / 打印" })).toBeHidden();
    await paper.screenshot({ path: "/tmp/contract-a4.png" });
  }
});
