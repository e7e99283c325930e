import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { logInAs } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;
const NEED = "香菇烘干与即食香菇脆片加工工艺";

// The second test reads the conversation the first one had.
test.describe.configure({ mode: "serial" });

test("a cooperative and an expert chat live: unread badge and read receipt update without reload", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const expertContext = await browser.newContext();
  const coopContext = await browser.newContext();
  const expert = await expertContext.newPage();
  const coop = await coopContext.newPage();

  // The expert applies to the cooperative's need, then opens the application's conversation.
  await logInAs(expert, login("EXPERT"), DEMO_PASSWORD);
  await expert.goto("/needs");
  await expert.getByRole("link", { name: NEED }).click();
  await expert
    .getByLabel("技术方案")
    .fill("先测定鲜菇含水率，再设计分段热风烘干曲线，并对脆片做真空低温油浴试验。");
  await expert.getByLabel("时间安排").fill("两周内完成试验");
  await expert.getByLabel("合作方式").selectOption({ label: "技术承包" });
  await expert.getByLabel("报价（元）").fill("6000");
  await expert.getByRole("button", { name: "提交申请" }).click();
  await expect(expert.getByRole("status")).toHaveText("申请已提交");

  // The cooperative head is looking at the workspace when the first message arrives.
  await logInAs(coop, login("VILLAGE"), DEMO_PASSWORD);
  await coop.goto("/workspace");
  const coopBadge = coop.getByRole("link", { name: /^消息/ });
  await expect(coopBadge).toHaveAccessibleName("消息");

  await expert.goto("/workspace");
  await expert.getByRole("listitem").filter({ hasText: NEED }).getByRole("button", { name: "沟通" }).click();
  await expect(expert.getByRole("heading", { name: `关于「${NEED}」的申请` })).toBeVisible();
  await expert
    .getByLabel("消息内容")
    .fill("王社长您好，我是张明。方案详见 https://example.cn/plan ，我们约个时间？");
  await expert.getByRole("button", { name: "发送" }).click();
  const sent = expert
    .getByRole("log", { name: "消息" })
    .getByRole("listitem")
    .filter({ hasText: "王社长您好" });
  await expect(sent).toContainText("已发送");
  await expect(sent.getByRole("link", { name: "https://example.cn/plan" })).toHaveAttribute(
    "rel",
    /noopener/,
  );

  // Live, without a reload: the head's badge counts the message.
  await expect(coopBadge).toHaveAccessibleName("消息，1 条未读");

  // The head opens the conversation from the application list: the expert sees "read".
  await coop.goto("/workspace");
  await coop
    .getByRole("listitem")
    .filter({ hasText: NEED })
    .getByRole("link", { name: /份申请/ })
    .click();
  await coop.getByRole("button", { name: "与对方沟通" }).click();
  await expect(coop.getByRole("log", { name: "消息" })).toContainText("王社长您好，我是张明。");
  await expect(sent).toContainText("已读");
  await expect(coopBadge).toHaveAccessibleName("消息");

  // The head types (the expert sees it) and replies; the reply arrives live.
  await coop.getByLabel("消息内容").pressSequentially("好的", { delay: 50 });
  await expect(expert.getByText("王建国 正在输入…")).toBeVisible();
  await coop.getByLabel("消息内容").fill("好的，明天上午十点在合作社见。");
  await coop.getByRole("button", { name: "发送" }).click();
  await expect(expert.getByRole("log", { name: "消息" })).toContainText("明天上午十点在合作社见");

  // Both see the same history after a reload, in order, each message once.
  await expert.reload();
  const bubbles = expert.getByRole("log", { name: "消息" }).getByRole("listitem");
  await expect(bubbles.filter({ hasText: "王社长您好" })).toHaveCount(1);
  await expect(bubbles.filter({ hasText: "明天上午十点" })).toHaveCount(1);

  await expertContext.close();
  await coopContext.close();
});

test("without JavaScript the conversation shows history and sends with a plain form", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logInAs(page, login("EXPERT"), DEMO_PASSWORD);
  await page.goto("/messages");
  await page.getByRole("link", { name: new RegExp(NEED) }).click();
  await expect(page.getByRole("log", { name: "消息" })).toContainText("明天上午十点在合作社见");
  await page.getByLabel("消息内容").fill("收到，明天见。");
  await page.getByRole("button", { name: "发送" }).click();
  await expect(page.getByRole("log", { name: "消息" })).toContainText("收到，明天见。");
  // An empty message is refused with a clear message and nothing is stored.
  await page.getByRole("button", { name: "发送" }).click();
  await expect(page.getByRole("alert")).toHaveText("请输入消息内容或选择图片");
  await context.close();
});
