import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { translate, type Locale } from "~/i18n/i18n";
import { fundShare } from "~/modules/escrow/escrow.cofunded.server";
import { walletId } from "~/modules/ledger/ledger.server";
import {
  getRevisionThread,
  proposeRevision,
  respondToRevision,
} from "~/modules/negotiation/revisions.server";
import { notificationMessageKey, toView } from "~/modules/notifications/notifications.server";
import { clawBack } from "~/modules/sanctions/clawbacks.server";
import { getAccountStatement, requestWithdrawal, statementCsv } from "~/modules/wallet/wallet.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { loader as statementLoader } from "~/routes/wallet/wallet.$accountId";
import { useTestDatabase } from "../support/database";
import { createCoFundedMilestone } from "../support/cofunding-factories";
import { applicationOnOpenNeed, counterOffer } from "../support/negotiation-factories";
import { createDisbursedApplication } from "../support/sanctions-factories";

useTestDatabase();

const LOCALES: Locale[] = ["zh", "en"];
// A machine key as the code writes it: a prefix and a cuid, or a bare cuid.
const MACHINE_KEY = /\b[a-z_]+:c[a-z0-9]{20,}\b|\bc[a-z0-9]{24}\b/;

describe("the claw-back notification", () => {
  it("states exactly what was demanded, what was collected (balance and held withdrawal) and what is still owed", async () => {
    // ¥40,000 paid out; ¥20,617.28 spent; of the ¥19,382.72 left, 1 fen waits in a withdrawal.
    const { bureau, head, application, wallet } = await createDisbursedApplication({
      budgetFen: 10_000_000,
      disbursedFen: 4_000_000,
      spentFen: 2_061_728,
    });
    await requestWithdrawal(
      head,
      {
        accountId: wallet,
        amountFen: 1,
        bankName: "洛阳农商银行",
        accountName: "合作社",
        accountNumber: "6217000012345678",
      },
      randomUUID(),
    );
    const sanction = await clawBack(bureau, application.id, { amountFen: 4_000_000, reason: "挪用专项资金" });
    expect(sanction).toMatchObject({ recoveredFen: 1_938_272, owedFen: 2_061_728 });

    const row = await db.notification.findFirstOrThrow({
      where: { userId: head.id, type: "sanction.clawback" },
      select: { id: true, userId: true, type: true, payload: true, createdAt: true, readAt: true },
    });
    const view = toView(row);
    expect(view.type).toBe("sanction.clawback");
    const texts = LOCALES.map((locale) => translate(locale, notificationMessageKey(view.type), view.params));
    for (const text of texts) {
      expect(text).toContain("¥40,000");
      expect(text).toContain("¥19,382.72");
      expect(text).toContain("¥20,617.28");
      expect(text).toContain("挪用专项资金");
      expect(text).not.toMatch(/万元|\{|40000|1938272/);
    }
    expect(texts[0]).toMatch(/追缴 ¥40,000.*收回 ¥19,382\.72.*尚欠 ¥20,617\.28/);
  });

  it("refuses too large a claw-back with the exact amount that may still be claimed", async () => {
    const { bureau, application } = await createDisbursedApplication({ disbursedFen: 1 });
    await expect(clawBack(bureau, application.id, { amountFen: 2, reason: "虚报" })).rejects.toMatchObject({
      code: "sanction.clawback_exceeds",
      params: { max: "¥0.01" },
    });
  });
});

describe("a statement", () => {
  async function coFundedStatement() {
    // The cooperative's ¥19,382.72 share of a ¥20,000 milestone, the rest from a programme.
    const setup = await createCoFundedMilestone({ amountFen: 2_000_000, payerShareFen: 1_938_272 });
    const funder = await db.milestoneFunder.findFirstOrThrow({
      where: { milestoneId: setup.milestone.id, accountId: setup.payerAccount },
      select: { id: true },
    });
    await fundShare(setup.payer.head, setup.milestone.id, funder.id, randomUUID());
    const memo = await db.ledgerTransfer.findFirstOrThrow({
      where: { fromAccountId: setup.payerAccount, reason: "MILESTONE_FUND" },
      select: { memo: true },
    });
    // The co-funding code keeps the share's id as the memo: the statement must never show it.
    expect(memo.memo).toMatch(/^share:/);
    return setup;
  }

  it("describes each movement in words from what it moved for, never a machine memo, with exact amounts", async () => {
    const setup = await coFundedStatement();
    const statement = await getAccountStatement(setup.payer.head, setup.payerAccount, { page: 1 }, "zh");
    const [funding, deposit] = statement.lines;
    expect(funding).toMatchObject({ reason: "MILESTONE_FUND", amountFen: -1_938_272, balanceFen: 0 });
    const milestone = await db.milestone.findUniqueOrThrow({
      where: { id: setup.milestone.id },
      select: { title: true, agreement: { select: { title: true } } },
    });
    expect(funding!.description).toBe(`协议「${milestone.agreement.title}」的里程碑「${milestone.title}」`);
    expect(deposit).toMatchObject({ reason: "DEPOSIT", balanceFen: 1_938_272 });
    for (const line of statement.lines) expect(line.description).not.toMatch(MACHINE_KEY);

    const csv = await statementCsv(setup.payer.head, setup.payerAccount, {}, "zh");
    expect(csv).toContain("第 1 阶段：菌棒消毒");
    expect(csv).toContain("19382.72");
    expect(csv).not.toMatch(MACHINE_KEY);
    expect(csv).not.toContain("share:");
  });

  it("page data carries descriptions and no raw memo", async () => {
    const setup = await coFundedStatement();
    const cookie = await serializeSessionCookie(await createSession(setup.payer.head.id, { ip: "10.6.0.1" }));
    const data = await statementLoader({
      request: new Request(`http://localhost/wallet/${setup.payerAccount}`, { headers: { cookie } }),
      params: { accountId: setup.payerAccount },
      context: { cspNonce: "test", clientIp: "10.6.0.1" },
    });
    expect(JSON.stringify(data)).not.toContain("share:");
    expect(data.lines.every((line) => !("memo" in line))).toBe(true);
    expect(data.account.id).toBe(walletId({ organisationId: setup.payer.organisationId! }));
  });
});

describe("the negotiation history", () => {
  it("labels each revision by what happened to it once a counter-offer is accepted", async () => {
    const { head, expert, applicationId } = await applicationOnOpenNeed();
    const first = await proposeRevision(head, applicationId, counterOffer({ price: "9000" }));
    const before = await getRevisionThread(expert, applicationId);
    expect(before.revisions.map((revision) => revision.outcome)).toEqual(["ORIGINAL", "PROPOSED"]);

    await respondToRevision(expert, first.id, "ACCEPTED");
    const after = await getRevisionThread(expert, applicationId);
    expect(after.revisions.map((revision) => [revision.number, revision.outcome])).toEqual([
      [0, "REPLACED"],
      [1, "ACCEPTED"],
    ]);
    expect(translate("zh", `negotiation.revision.status.${after.revisions[0]!.outcome}`)).toBe(
      "已被接受的还价取代",
    );

    const second = await proposeRevision(expert, applicationId, counterOffer({ price: "9500" }));
    await respondToRevision(head, second.id, "DECLINED");
    const third = await proposeRevision(head, applicationId, counterOffer({ price: "9200" }));
    await proposeRevision(expert, applicationId, counterOffer({ price: "9300" }));
    const last = await getRevisionThread(head, applicationId);
    expect(last.revisions.map((revision) => revision.outcome)).toEqual([
      "REPLACED",
      "ACCEPTED",
      "DECLINED",
      "SUPERSEDED",
      "PROPOSED",
    ]);
    expect(third.number).toBe(3);
  });
});
