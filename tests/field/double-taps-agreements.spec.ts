import { expect, test, type Page } from "@playwright/test";
import {
  deliveredAgreement,
  deposit,
  fillReview,
  fillWithdrawal,
  lastSegment,
  milestoneOf,
  needWithApplication,
  proposedAgreement,
  readyToSign,
} from "./agreement-steps";
import { count, query, signedIn, tapOnLaggyLink, type Phone } from "./field";

/*
 * Triple taps on a laggy link (1.5 s latency, 50 KB/s) along an agreement's life, from the
 * counter-offer to the review and the withdrawal of what it paid: each step acts once, counted in
 * the database, and the page says it was done. A walk is serial — each step starts where the one
 * before left the agreement — and the link is shaped only for the tapped step.
 */

const signatures = (agreementUrl: string) =>
  count(
    `SELECT count(*) AS n FROM "AgreementSignature" s JOIN "AgreementVersion" v ON v.id = s."versionId"
     WHERE v."agreementId" = $1`,
    [lastSegment(agreementUrl)],
  );
const transfers = (reason: string, milestoneId: string) =>
  count(
    `SELECT count(*) AS n FROM "LedgerTransfer" WHERE reason = $1::"LedgerReason" AND "milestoneId" = $2`,
    [reason, milestoneId],
  );
const withdrawals = (accountNumber: string) =>
  count(`SELECT count(*) AS n FROM "WithdrawalRequest" WHERE "accountNumber" = $1`, [accountNumber]);
const holds = (walletId: string) =>
  count(
    `SELECT count(*) AS n FROM "LedgerTransfer" WHERE reason = 'WITHDRAWAL_HOLD' AND "fromAccountId" = $1`,
    [walletId],
  );

async function counterOffer(poster: Phone, applicant: Page, needUrl: string) {
  await poster.page.goto(`${needUrl}/applications`);
  await poster.page.getByText("提出新条件").click();
  await poster.page.getByLabel("报价（元）").fill("7500");
  await tapOnLaggyLink(poster, "发送还价", "还价已发送");
  const counterOffers = await count(
    `SELECT count(*) AS n FROM "ApplicationRevision" r JOIN "Application" a ON a.id = r."applicationId"
     WHERE a."needId" = $1 AND r.side = 'POSTER'`,
    [lastSegment(needUrl)],
  );
  expect(counterOffers).toBe(1);

  await applicant.goto(needUrl);
  await applicant.getByRole("button", { name: "接受还价" }).click();
  await expect(applicant.getByRole("status")).toHaveText("已接受还价，申请条件已更新");
}

async function signBoth(payer: Phone, payee: Phone, agreementUrl: string) {
  await readyToSign(payer.page, agreementUrl);
  await tapOnLaggyLink(payer, "确认签署", "您已签署，等待对方签署");
  expect(await signatures(agreementUrl)).toBe(1);
  await readyToSign(payee.page, agreementUrl);
  await tapOnLaggyLink(payee, "确认签署", "双方已签署，协议生效");
  expect(await signatures(agreementUrl)).toBe(2);
}

/** Staff credit the payer's wallet with the counter-offer's ¥7,500 and `spare` yuan; the payer funds. */
async function fund(payer: Phone, admin: Page, agreementUrl: string, spare: number) {
  const { milestoneId, payerWallet } = await milestoneOf(agreementUrl);
  await deposit(admin, payerWallet, String(7500 + spare));
  await payer.page.goto(agreementUrl);
  await tapOnLaggyLink(payer, /^托管/, "款项已托管");
  expect(await transfers("MILESTONE_FUND", milestoneId)).toBe(1);
}

async function deliver(payee: Phone, agreementUrl: string) {
  const { milestoneId } = await milestoneOf(agreementUrl);
  await payee.page.goto(agreementUrl);
  await payee.page.getByLabel("成果说明").fill("已到牛场指导青贮窖制作，编写了青贮制作规程和冬季日粮配方。");
  await tapOnLaggyLink(payee, "提交成果", "成果已提交，等待验收");
  const deliveries = await count(`SELECT count(*) AS n FROM "MilestoneSubmission" WHERE "milestoneId" = $1`, [
    milestoneId,
  ]);
  expect(deliveries).toBe(1);
}

/** The milestone's escrow: its entries (in when funded, out when paid), its balance, and the milestone's status. */
async function escrowOf(milestoneId: string) {
  const [row] = await query<{ entries: string; balance: string; status: string }>(
    `SELECT (SELECT count(*) FROM "LedgerEntry" WHERE "accountId" = a.id) AS entries,
            a."balanceFen" AS balance, m.status
     FROM "Milestone" m JOIN "LedgerAccount" a ON a."milestoneId" = m.id WHERE m.id = $1`,
    [milestoneId],
  );
  return row;
}

async function withdraw(phone: Phone, walletId: string) {
  const accountNumber = `6228${Date.now()}`;
  const before = await holds(walletId);
  await fillWithdrawal(phone.page, walletId, "100", accountNumber);
  await tapOnLaggyLink(phone, "提交提现申请", "提现申请已提交，款项已冻结，等待平台付款");
  expect(await withdrawals(accountNumber)).toBe(1);
  expect(await holds(walletId)).toBe(before + 1);
}

test.describe("with JavaScript, from counter-offer to review and withdrawal", () => {
  test.describe.configure({ mode: "serial" });
  let coop: Phone, expert: Phone, admin: Phone, university: Phone;
  let needUrl: string, agreementUrl: string;

  test.beforeAll(async ({ browser }) => {
    [coop, expert, admin, university] = await Promise.all(
      ["VILLAGE", "EXPERT", "ADMIN", "INSTITUTION"].map((role) => signedIn(browser, role, true)),
    );
    needUrl = await needWithApplication(coop.page, expert.page, `三连击协议 js ${Date.now()}`);
  });
  test.afterAll(async () => {
    await Promise.all([coop, expert, admin, university].map((phone) => phone?.context.close()));
  });

  test("a triple tap on 发送还价 sends one counter-offer", async () => {
    await counterOffer(coop, expert.page, needUrl);
  });

  test("a triple tap on 确认签署 signs once, for each side", async () => {
    agreementUrl = await proposedAgreement(coop.page, needUrl);
    await signBoth(coop, expert, agreementUrl);
  });

  test("a triple tap on 托管 moves the money into escrow once", async () => {
    await fund(coop, admin.page, agreementUrl, 0);
  });

  test("a triple tap on 提交成果 delivers once", async () => {
    await deliver(expert, agreementUrl);
  });

  test("a triple tap on 验收通过并付款 releases the money once", async () => {
    const { milestoneId } = await milestoneOf(agreementUrl);
    await coop.page.goto(agreementUrl);
    await tapOnLaggyLink(coop, "验收通过并付款", "已验收，款项已付给技术方");
    expect(await transfers("MILESTONE_RELEASE", milestoneId)).toBe(1);
  });

  test("a triple tap on 提交评价 writes one review", async () => {
    const form = await fillReview(
      coop.page,
      agreementUrl,
      "5 分",
      "张教授讲得明白，青贮不再霉变，饲养员都学会了。",
    );
    await tapOnLaggyLink(coop, "提交评价", "评价已提交", form);
    expect(
      await count(`SELECT count(*) AS n FROM "Review" WHERE "agreementId" = $1`, [lastSegment(agreementUrl)]),
    ).toBe(1);
  });

  // The pay landed in the wallet of the expert's university (乙方); its finance member withdraws.
  test("a triple tap on 提交提现申请 asks for the pay once, by the university's finance member", async () => {
    const { milestoneId } = await milestoneOf(agreementUrl);
    const [paid] = await query<{ wallet: string }>(
      `SELECT "toAccountId" AS wallet FROM "LedgerTransfer" WHERE reason = 'MILESTONE_RELEASE' AND "milestoneId" = $1`,
      [milestoneId],
    );
    expect(paid!.wallet).toMatch(/^wallet:org:/);
    await withdraw(university, paid!.wallet);
  });
});

test.describe("without JavaScript, the browser sends every tap", () => {
  test.describe.configure({ mode: "serial" });
  let coop: Phone, coopBare: Phone, expertBare: Phone, admin: Phone;
  let needUrl: string, agreementUrl: string;

  test.beforeAll(async ({ browser }) => {
    [coop, coopBare, expertBare, admin] = await Promise.all([
      signedIn(browser, "VILLAGE", true),
      signedIn(browser, "VILLAGE", false),
      signedIn(browser, "EXPERT", false),
      signedIn(browser, "ADMIN", true),
    ]);
    needUrl = await needWithApplication(coop.page, expertBare.page, `三连击协议 nojs ${Date.now()}`);
  });
  test.afterAll(async () => {
    await Promise.all([coop, coopBare, expertBare, admin].map((phone) => phone?.context.close()));
  });

  test("a triple tap on 发送还价 sends one counter-offer", async () => {
    await counterOffer(coopBare, expertBare.page, needUrl);
  });

  test("a triple tap on 确认签署 signs once, for each side", async () => {
    agreementUrl = await proposedAgreement(coop.page, needUrl);
    await signBoth(coopBare, expertBare, agreementUrl);
  });

  test("a triple tap on 托管 moves the money into escrow once", async () => {
    await fund(coopBare, admin.page, agreementUrl, 100);
  });

  test("a triple tap on 提交成果 delivers once", async () => {
    await deliver(expertBare, agreementUrl);
  });

  test("with JavaScript, a triple tap on 提出争议 opens one dispute", async () => {
    const { milestoneId } = await milestoneOf(agreementUrl);
    await coop.page.goto(agreementUrl);
    await coop.page.locator("summary", { hasText: "提出争议" }).click();
    await coop.page.getByLabel("争议理由").fill("成果与验收标准不符，青贮窖仍有霉变。");
    await tapOnLaggyLink(coop, "提出争议", "争议已提交，等待市科技局裁决");
    const disputes = await count(
      `SELECT count(*) AS n FROM "AuditLog" WHERE action = 'milestone.disputed' AND "subjectId" = $1`,
      [milestoneId],
    );
    expect(disputes).toBe(1);
  });

  test("a triple tap on 提交提现申请 asks for the money once", async () => {
    const { payerWallet } = await milestoneOf(agreementUrl);
    await withdraw(coopBare, payerWallet);
  });
});

test.describe("without JavaScript, the end of an agreement: accepting, a review, a dispute", () => {
  test.describe.configure({ mode: "serial" });
  let coop: Phone, coopBare: Phone, expert: Phone, admin: Phone;
  let agreementUrl: string;

  test.beforeAll(async ({ browser }) => {
    [coop, coopBare, expert, admin] = await Promise.all([
      signedIn(browser, "VILLAGE", true),
      signedIn(browser, "VILLAGE", false),
      signedIn(browser, "EXPERT", true),
      signedIn(browser, "ADMIN", true),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([coop, coopBare, expert, admin].map((phone) => phone?.context.close()));
  });

  test("a triple tap on 验收通过并付款 releases the money once", async () => {
    test.setTimeout(240_000);
    agreementUrl = await deliveredAgreement(
      coop.page,
      expert.page,
      admin.page,
      `三连击验收 nojs ${Date.now()}`,
    );
    const { milestoneId } = await milestoneOf(agreementUrl);
    await coopBare.page.goto(agreementUrl);
    await tapOnLaggyLink(coopBare, "验收通过并付款", "已验收，款项已付给技术方");
    expect(await transfers("MILESTONE_RELEASE", milestoneId)).toBe(1);
    expect(await escrowOf(milestoneId)).toEqual({ entries: "2", balance: "0", status: "RELEASED" });
  });

  test("a triple tap on 提交评价 writes one review", async () => {
    const form = await fillReview(
      coopBare.page,
      agreementUrl,
      "4 分",
      "青贮窖做得规范，饲养员都学会了，回访及时。",
    );
    await tapOnLaggyLink(coopBare, "提交评价", "评价已提交", form);
    expect(
      await count(`SELECT count(*) AS n FROM "Review" WHERE "agreementId" = $1`, [lastSegment(agreementUrl)]),
    ).toBe(1);
  });

  test("a triple tap on 提出争议 opens one dispute", async () => {
    test.setTimeout(240_000);
    const disputedUrl = await deliveredAgreement(
      coop.page,
      expert.page,
      admin.page,
      `三连击争议 nojs ${Date.now()}`,
    );
    const { milestoneId } = await milestoneOf(disputedUrl);
    await coopBare.page.goto(disputedUrl);
    await coopBare.page.locator("summary", { hasText: "提出争议" }).click();
    await coopBare.page.getByLabel("争议理由").fill("成果与验收标准不符，青贮窖仍有霉变。");
    await tapOnLaggyLink(coopBare, "提出争议", "争议已提交，等待市科技局裁决");
    const disputes = await count(
      `SELECT count(*) AS n FROM "AuditLog" WHERE action = 'milestone.disputed' AND "subjectId" = $1`,
      [milestoneId],
    );
    expect(disputes).toBe(1);
    expect((await escrowOf(milestoneId))?.status).toBe("DISPUTED");
  });
});
