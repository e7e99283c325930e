import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { agreeOnConsentPage, logInAs, uniqueMobile } from "./helpers";

const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;
const INFORMANT = "informant@demo.xiangke.cn";

/** Lets days pass for one need: moves its publication back, in the app's own database. */
async function publishedHoursAgo(needId: string, hours: number) {
  const url = readFileSync(path.join(process.env.E2E_DATA_DIR!, "database-url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "Need" SET "publishedAt" = now() - make_interval(hours => $2) WHERE id = $1`, [
      needId,
      hours,
    ]);
  } finally {
    await client.end();
  }
}

async function sign(page: Page) {
  await page.getByRole("link", { name: "阅读并签署" }).click();
  await page.getByLabel("登录密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "确认签署" }).click();
}

/** Fills the review form: the same score on every criterion and overall, and a text. */
async function review(page: Page, agreementUrl: string, score: string, text: string) {
  await page.goto(`${agreementUrl}/review`);
  const form = page.locator("form#review");
  for (const group of await form.getByRole("group").all())
    await group.getByLabel(score, { exact: true }).check();
  await form.getByLabel("评价内容").fill(text);
  await form.getByRole("button", { name: "提交评价" }).click();
}

test("an informant posts a need with a voice note for a farmer; triage routes it; a counter-offer is agreed; both sides review blind", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const title = `高山核桃树腐烂病防治 ${Date.now() % 100000}`;
  const context = () => browser.newContext({ permissions: ["microphone"] });
  const informant = await (await context()).newPage();
  const bureau = await (await context()).newPage();
  const expert = await (await context()).newPage();
  const admin = await (await context()).newPage();

  // The informant posts for a farmer, records the farmer's voice in the browser, and records consent.
  await logInAs(informant, INFORMANT, DEMO_PASSWORD);
  await informant.goto("/informant/new");
  // A voice note is sensitive: the page asks for the informant's own consent before recording.
  await agreeOnConsentPage(informant, "语音留言（聊天和代发需求）");
  await expect(informant).toHaveURL(/\/informant\/new$/);
  await informant.getByLabel("需求类型").selectOption({ label: "技术需求" });
  await informant.getByLabel("标题").fill(title);
  await informant
    .getByLabel("详细说明")
    .fill("刘大爷家二十亩核桃树，今年树干上出现黑褐色病斑、流黑水，已经死了十几棵，想请专家来看看怎么治。");
  await informant.getByLabel("产业").selectOption({ label: "种植" });
  await informant.getByLabel("预算上限（元）").fill("6000");
  await informant.getByLabel("有偿服务").check();
  await informant.getByLabel("农户姓名").fill("刘长河");
  const farmerPhone = uniqueMobile();
  await informant.getByLabel("农户手机号").fill(farmerPhone);
  await informant.getByLabel("征得同意的方式").selectOption({ label: "口头同意（附录音）" });
  await informant.getByRole("button", { name: "开始录音" }).click();
  await expect(informant.getByText(/正在录音/)).toBeVisible();
  await informant.waitForTimeout(1500);
  await informant.getByRole("button", { name: "停止录音" }).click();
  await expect(informant.getByText(/已录好 \d+ 秒/)).toBeVisible();
  await informant.getByLabel("我已征得农户同意").check();
  await informant.getByRole("button", { name: "代农户发布" }).click();
  await expect(informant.getByTestId("claim-code")).toHaveText(/^\d{6}$/);
  const claimCode = (await informant.getByTestId("claim-code").textContent())!;

  // The need page plays the farmer's voice note, credited to the informant.
  await informant.goto("/informant");
  await informant.getByRole("link", { name: title }).click();
  await informant.waitForURL(/\/needs\/[a-z0-9]+$/);
  const needUrl = informant.url();
  const needId = needUrl.split("/").pop()!;
  const voice = informant.locator("audio");
  await expect(voice).toHaveAttribute("src", `/needs/${needId}/voice`);
  const audio = await informant.request.get(`/needs/${needId}/voice`);
  expect(audio.ok()).toBe(true);
  expect(audio.headers()["content-type"]).toMatch(/^audio\//);
  expect((await audio.body()).byteLength).toBeGreaterThan(1000);

  // Nobody applies. Fresh, it is not in the triage queue; two days later it is.
  await logInAs(bureau, login("BUREAU"), DEMO_PASSWORD);
  await bureau.goto("/bureau/triage?county=410324");
  await expect(bureau.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await publishedHoursAgo(needId, 49);
  await bureau.reload();
  await expect(bureau.getByRole("link", { name: title, exact: true })).toBeVisible();
  await bureau.getByRole("link", { name: `分派 ${title}` }).click();
  const assignee = bureau.getByLabel("分派给");
  const commissioner = await assignee.locator("option", { hasText: "张明" }).first().getAttribute("value");
  await assignee.selectOption(commissioner!);
  await bureau.getByRole("button", { name: "分派" }).click();
  await expect(bureau.getByRole("status")).toHaveText("已分派");
  await expect(bureau.getByRole("link", { name: title, exact: true })).toHaveCount(1); // now under "assigned"

  // The commissioner applies; the informant counters with a lower price; the commissioner accepts it.
  await logInAs(expert, login("EXPERT"), DEMO_PASSWORD);
  await expert.goto(needUrl);
  await expert
    .getByLabel("技术方案")
    .fill("先到果园查看病斑，刮除病组织后涂药，配合冬季清园和树干涂白，并教会农户自己防治。");
  await expert.getByLabel("时间安排").fill("一周内到场，两周内完成");
  await expert.getByLabel("合作方式").selectOption({ label: "有偿服务" });
  await expert.getByLabel("报价（元）").fill("5000");
  await expert.getByRole("button", { name: "提交申请" }).click();
  await expect(expert.getByRole("status")).toHaveText("申请已提交");

  await informant.goto(`${needUrl}/applications`);
  await informant.getByText("提出新条件").click();
  await informant.getByLabel("报价（元）").fill("4200");
  await informant.getByRole("button", { name: "发送还价" }).click();
  await expect(informant.getByText("¥4,200").first()).toBeVisible();
  await expert.goto(needUrl);
  // The expert's own counter form starts from the informant's ¥4,200, the terms on the table.
  await expert.getByText("提出新条件").click();
  await expect(expert.getByLabel("报价（元）")).toHaveValue("4200");
  await expert.getByRole("button", { name: "接受还价" }).click();
  await expect(expert.getByText("¥4,200").first()).toBeVisible();
  // The history says the original was replaced; only the accepted counter-offer reads 已接受.
  await expect(expert.getByText("已被接受的还价取代")).toBeVisible();
  await expect(expert.getByText("已接受", { exact: true })).toHaveCount(1);

  // The informant accepts the application; the agreement starts from the agreed ¥4,200.
  await informant.goto(`${needUrl}/applications`);
  await informant.getByRole("button", { name: "接受" }).click();
  await expect(informant.getByRole("status")).toHaveText("已接受申请，需求进入对接");
  await informant.getByRole("button", { name: "起草协议" }).click();
  await expect(informant.getByRole("status")).toHaveText("协议草稿已创建，请填写条款");
  const agreementUrl = informant.url().replace(/\/edit$/, "");
  await informant.goto(agreementUrl);
  await expect(informant.getByText("¥4,200").first()).toBeVisible();
  await informant.getByRole("button", { name: "发送给对方签署" }).click();
  await sign(informant);
  await expect(informant.getByRole("status")).toHaveText("您已签署，等待对方签署");
  await expert.goto(agreementUrl);
  await sign(expert);
  await expect(expert.getByRole("status")).toHaveText("双方已签署，协议生效");

  // Money: a bank transfer to the informant's wallet, escrow, delivery, acceptance → COMPLETED.
  await informant.goto("/wallet");
  const walletId = (await informant
    .getByText(/wallet:user:\S+/)
    .first()
    .textContent())!.match(/wallet:user:[^\s。，]+/)![0];
  await logInAs(admin, login("ADMIN"), DEMO_PASSWORD);
  await admin.goto("/admin/finance");
  await admin.getByLabel("收款钱包编号").fill(walletId);
  await admin.getByLabel("到账金额（元）").fill("4200");
  await admin.getByLabel("银行流水号").fill(`NYYH${Date.now()}`);
  await admin.getByLabel("付款户名").fill("赵红梅");
  await admin.getByRole("button", { name: "登记入账" }).click();
  await expect(admin.getByRole("status")).toHaveText("已登记入账");
  await informant.goto(agreementUrl);
  await informant.getByRole("button", { name: /^托管/ }).click();
  await expect(informant.getByRole("status")).toHaveText("款项已托管");
  await expert.goto(agreementUrl);
  await expert
    .getByLabel("成果说明")
    .fill("已到果园刮治病斑四百余处并涂药，完成清园和树干涂白，现场教会农户防治方法。");
  await expert.getByRole("button", { name: "提交成果" }).click();
  await expect(expert.getByRole("status")).toHaveText("成果已提交，等待验收");
  await informant.goto(agreementUrl);
  await informant.getByRole("button", { name: "验收通过并付款" }).click();
  await expect(informant.getByRole("status")).toHaveText("已验收，款项已付给技术方");

  // Both review. The first review stays hidden from the other side until the second is in.
  const informantText = "张教授来得及时，讲得明白，病斑刮治后新发很少，农户自己也学会了。";
  const expertText = "信息员组织得好，农户配合，付款及时，需求说得清楚。";
  await review(informant, agreementUrl, "5 分", informantText);
  await expect(informant.getByRole("status").first()).toHaveText("评价已提交");
  await expect(informant.getByText("已提交，对方也提交后或评价期结束时公开")).toBeVisible();
  await expert.goto(`${agreementUrl}/review`);
  await expect(expert.getByText(informantText)).toHaveCount(0);
  await review(expert, agreementUrl, "4 分", expertText);
  await expect(expert.getByText(informantText)).toBeVisible();
  await expect(expert.getByText(expertText)).toBeVisible();
  await informant.reload();
  await expect(informant.getByText(expertText)).toBeVisible();

  // The published review shows on the commissioner's public profile, with the reputation figures.
  await informant.goto(`${needUrl}/applications`);
  await informant.getByRole("link", { name: "张明" }).first().click();
  await expect(informant.getByText(informantText)).toBeVisible();

  // Later the farmer claims the need with the phone and the code, registering on the way.
  const farmer = await (await context()).newPage();
  await farmer.goto("/claim");
  await farmer.getByLabel("农户手机号").fill(farmerPhone);
  await farmer.getByLabel("认领码").fill(claimCode === "000000" ? "111111" : "000000");
  await farmer.getByLabel("姓名或称呼").fill("刘长河");
  await farmer.getByLabel("密码", { exact: true }).fill("hetao2026");
  await farmer.getByLabel("再次输入密码").fill("hetao2026");
  await farmer.getByRole("button", { name: "认领" }).click();
  await expect(farmer.getByText("手机号或认领码不对")).toBeVisible();
  await farmer.getByLabel("认领码").fill(claimCode);
  await farmer.getByLabel("密码", { exact: true }).fill("hetao2026");
  await farmer.getByLabel("再次输入密码").fill("hetao2026");
  await farmer.getByRole("button", { name: "认领" }).click();
  await expect(farmer.getByRole("status").first()).toHaveText("认领成功，这条需求已转到您的名下");
  await expect(farmer).toHaveURL(needUrl);
  await expect(farmer.getByRole("heading", { name: title })).toBeVisible();
});
