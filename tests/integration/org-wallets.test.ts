import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  acceptMilestone,
  fundMilestone,
  getMilestonesView,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { getRevenueView } from "~/modules/revenue/revenue.queries.server";
import { balanceOf, checkLedgerInvariants, walletId } from "~/modules/ledger/ledger.server";
import { settleRevenueReport } from "~/modules/revenue/revenue.server";
import { clawBack } from "~/modules/sanctions/clawbacks.server";
import {
  getAccountStatement,
  getFinanceDesk,
  grantFinance,
  listFinanceMembers,
  markWithdrawalPaid,
  myAccounts,
  rejectWithdrawal,
  requestWithdrawal,
} from "~/modules/wallet/wallet.server";
import { useTestDatabase } from "../support/database";
import { createActiveAgreement, deposit } from "../support/escrow-factories";
import { addMember } from "../support/needs-factories";
import { createInstitutionMember } from "../support/offers-factories";
import { createDisbursedApplication } from "../support/sanctions-factories";
import { createFinanceStaff, createRevenueAgreement } from "../support/wallet-factories";

useTestDatabase();

const key = () => randomUUID();
const bank = { bankName: "洛阳农商银行", accountName: "收款单位", accountNumber: "6217000012345678" };

async function expectLedgerClean() {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
}

/** The first quarter of a revenue-share agreement, reported: ¥1,000 revenue, ¥100 share due. */
function reportFirstQuarter(agreementId: string, reportedById: string) {
  return db.revenueReport.create({
    data: {
      agreementId,
      component: 1,
      periodStart: new Date("2026-01-01T00:00:00+08:00"),
      periodEnd: new Date("2026-03-31T00:00:00+08:00"),
      baseFen: 100_000,
      shareDueFen: 10_000,
      status: "REPORTED",
      reportedById,
    },
    select: { id: true },
  });
}

/** Funds, submits and accepts the agreement's first milestone. */
async function releaseFirst(setup: Awaited<ReturnType<typeof createActiveAgreement>>) {
  const [milestone] = setup.milestones;
  await deposit({ organisationId: setup.payer.organisationId! }, milestone!.amountFen);
  await fundMilestone(setup.payer.head, milestone!.id, key());
  await submitMilestone(setup.payee, milestone!.id, { note: "已完成现场指导", files: [] });
  await acceptMilestone(setup.payer.head, milestone!.id, key());
  return milestone!;
}

describe("who is paid", () => {
  it("pays a milestone to the payee organisation the agreement names, not to the expert", async () => {
    const { organisation } = await createInstitutionMember();
    const setup = await createActiveAgreement({ amounts: [30_000], payeeOrganisationId: organisation.id });
    await releaseFirst(setup);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(30_000);
    expect(await balanceOf(walletId({ userId: setup.payee.id }))).toBe(0);
    await expectLedgerClean();
  });

  it("pays an expert who contracts for themselves into their own wallet", async () => {
    const setup = await createActiveAgreement({ amounts: [20_000] });
    await releaseFirst(setup);
    expect(await balanceOf(walletId({ userId: setup.payee.id }))).toBe(20_000);
  });

  it("settles a revenue share into the payee organisation's wallet", async () => {
    const { organisation } = await createInstitutionMember();
    const { agreement, organisation: payerOrg, payer: head } = await createRevenueAgreement();
    await db.agreement.update({
      where: { id: agreement.id },
      data: { payeeOrganisationId: organisation.id },
    });
    const report = await reportFirstQuarter(agreement.id, head.id);
    await deposit({ organisationId: payerOrg.id }, 10_000);
    await settleRevenueReport(head, report.id, key());
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(10_000);
    await expectLedgerClean();
  });
});

describe("finance permission (财务权限)", () => {
  it("lets only members the administrator granted it see and withdraw from the organisation's wallet", async () => {
    const { organisation, actor: admin } = await createInstitutionMember();
    const wallet = await deposit({ organisationId: organisation.id }, 50_000);
    const clerk = await addMember(organisation.id, "INSTITUTION");
    expect((await myAccounts(clerk)).map((a) => a.accountId)).not.toContain(wallet);
    await expect(getAccountStatement(clerk, wallet, { page: 1 }, "zh")).rejects.toMatchObject({
      code: "wallet.forbidden",
    });
    await expect(
      requestWithdrawal(clerk, { accountId: wallet, amountFen: 1_000, ...bank }, key()),
    ).rejects.toMatchObject({ code: "wallet.forbidden" });
    await expect(
      grantFinance(clerk, organisation.id, { userId: clerk.id, granted: true }),
    ).rejects.toMatchObject({
      code: "wallet.not_administrator",
    });

    await grantFinance(admin, organisation.id, { userId: clerk.id, granted: true });
    expect((await listFinanceMembers(admin, organisation.id)).members).toContainEqual(
      expect.objectContaining({ userId: clerk.id, finance: true, administrator: false }),
    );
    expect((await myAccounts(clerk)).map((a) => a.accountId)).toContain(wallet);
    await requestWithdrawal(clerk, { accountId: wallet, amountFen: 1_000, ...bank }, key());
    expect(await balanceOf(wallet)).toBe(49_000);

    await grantFinance(admin, organisation.id, { userId: clerk.id, granted: false });
    await expect(
      requestWithdrawal(clerk, { accountId: wallet, amountFen: 1_000, ...bank }, key()),
    ).rejects.toMatchObject({ code: "wallet.forbidden" });
    expect(
      await db.auditLog.count({
        where: { subjectId: organisation.id, action: { startsWith: "organisation.finance_" } },
      }),
    ).toBe(2);
  });
});

describe("money leaves an organisation's wallet by a finance member's hand only", () => {
  it("refuses escrow funding and revenue settlement by a paying-side member without the permission, and says so on the page", async () => {
    const setup = await createActiveAgreement({ amounts: [30_000] });
    const [milestone] = setup.milestones;
    const wallet = await deposit({ organisationId: setup.payer.organisationId! }, 30_000);
    const colleague = await addMember(setup.payer.organisationId!, "VILLAGE");

    const [seen] = await getMilestonesView(setup.agreement.id, colleague.id);
    expect(seen).toMatchObject({ canFund: false, fundNeedsFinance: true });
    await expect(fundMilestone(colleague, milestone!.id, key())).rejects.toMatchObject({
      code: "wallet.finance_permission_required",
    });
    expect(await balanceOf(wallet)).toBe(30_000);
    expect(await db.milestone.findUniqueOrThrow({ where: { id: milestone!.id } })).toMatchObject({
      status: "PLANNED",
    });

    await grantFinance(setup.payer.head, setup.payer.organisationId!, {
      userId: colleague.id,
      granted: true,
    });
    const [now] = await getMilestonesView(setup.agreement.id, colleague.id);
    expect(now).toMatchObject({ canFund: true, fundNeedsFinance: false });
    await fundMilestone(colleague, milestone!.id, key());
    expect(await balanceOf(wallet)).toBe(0);
    await expectLedgerClean();
  });

  it("lets the head report revenue but only a finance member settle it", async () => {
    const { agreement, organisation, payer: head } = await createRevenueAgreement();
    const reporter = await addMember(organisation.id, "VILLAGE");
    const report = await reportFirstQuarter(agreement.id, reporter.id);
    const wallet = await deposit({ organisationId: organisation.id }, 10_000);
    expect(await getRevenueView(agreement.id, reporter.id)).toMatchObject({
      canReport: true,
      canSettle: false,
      settleNeedsFinance: true,
    });
    await expect(settleRevenueReport(reporter, report.id, key())).rejects.toMatchObject({
      code: "wallet.finance_permission_required",
    });
    expect(await balanceOf(wallet)).toBe(10_000);
    expect(await db.revenueReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      status: "REPORTED",
    });
    await settleRevenueReport(head, report.id, key());
    expect(await balanceOf(wallet)).toBe(0);
  });
});

describe("debts hold money", () => {
  it("takes a held withdrawal, blocks payouts and new withdrawals, shows the debt, and collects from the next money in", async () => {
    const { bureau, head, application, wallet, programmeAccount, organisation } =
      await createDisbursedApplication({ disbursedFen: 40_000 });
    const { withdrawalId } = await requestWithdrawal(
      head,
      { accountId: wallet, amountFen: 30_000, ...bank },
      key(),
    );
    const before = await balanceOf(programmeAccount);
    const sanction = await clawBack(bureau, application.id, { amountFen: 40_000, reason: "挪用专项资金" });
    // 10,000 available + the 30,000 held: all of it goes back, nothing is owed.
    expect(sanction).toMatchObject({ recoveredFen: 40_000, owedFen: 0 });
    expect(await balanceOf(programmeAccount)).toBe(before + 40_000);
    const seized = await db.withdrawalRequest.findUniqueOrThrow({
      where: { id: withdrawalId },
      select: { status: true },
    });
    expect(seized.status).toBe("SEIZED");
    // The statement says what happened to the held money, not "withdrawal returned".
    const lines = (await getAccountStatement(head, wallet, { page: 1 }, "zh")).lines;
    expect(lines.find((line) => line.reason === "WITHDRAWAL_RETURNED")?.description).toBe(
      "冻结中的提现款已被追缴：退回钱包后用于缴还 · 挪用专项资金",
    );
    const staff = await createFinanceStaff();
    await expect(markWithdrawalPaid(staff, withdrawalId, "BANK-1", key())).rejects.toMatchObject({
      code: "wallet.withdrawal_seized",
    });

    // A second application of the same organisation, clawed back while the wallet is empty.
    await deposit({ organisationId: organisation.id }, 5_000);
    const held = await requestWithdrawal(head, { accountId: wallet, amountFen: 5_000, ...bank }, key());
    const other = await createDisbursedApplication({ disbursedFen: 20_000, spentFen: 20_000 });
    await db.programmeApplication.update({
      where: { id: other.application.id },
      data: { organisationId: organisation.id, applicantId: head.id },
    });
    const debt = await clawBack(bureau, other.application.id, { amountFen: 20_000, reason: "虚报" });
    expect(debt).toMatchObject({ recoveredFen: 5_000, owedFen: 15_000 });
    expect(
      (
        await db.withdrawalRequest.findUniqueOrThrow({
          where: { id: held.withdrawalId },
          select: { status: true },
        })
      ).status,
    ).toBe("SEIZED");

    await expect(
      requestWithdrawal(head, { accountId: wallet, amountFen: 1, ...bank }, key()),
    ).rejects.toMatchObject({ code: "wallet.debt_open" });
    const statement = await getAccountStatement(head, wallet, { page: 1 }, "zh");
    expect(statement.account.owedFen).toBe(15_000);
    expect(statement.debts).toEqual([
      expect.objectContaining({ owedFen: 15_000, amountFen: 15_000, memo: "虚报" }),
    ]);
    expect((await myAccounts(head)).find((a) => a.accountId === wallet)?.owedFen).toBe(15_000);

    // A release to the organisation pays the debt first.
    const setup = await createActiveAgreement({ amounts: [20_000], payeeOrganisationId: organisation.id });
    await releaseFirst(setup);
    expect(await balanceOf(wallet)).toBe(5_000);
    expect(
      await db.sanction.findFirstOrThrow({
        where: { programmeApplicationId: other.application.id, kind: "CLAWBACK" },
        select: { owedFen: true, recoveredFen: true },
      }),
    ).toEqual({ owedFen: 0, recoveredFen: 20_000 });
    await requestWithdrawal(head, { accountId: wallet, amountFen: 5_000, ...bank }, key());
    await expectLedgerClean();
  });

  it("refuses to fund escrow from a wallet that owes a claw-back", async () => {
    const setup = await createActiveAgreement({ amounts: [10_000] });
    const wallet = await deposit({ organisationId: setup.payer.organisationId! }, 10_000);
    const creditor = await createDisbursedApplication();
    // Money that arrived before the debt was recorded (as for a claw-back older than debts).
    await db.ledgerDebt.create({
      data: {
        debtorAccountId: wallet,
        creditorAccountId: creditor.programmeAccount,
        amountFen: 500,
        owedFen: 500,
      },
    });
    await expect(fundMilestone(setup.payer.head, setup.milestones[0]!.id, key())).rejects.toMatchObject({
      code: "ledger.debt_open",
    });
    expect(await balanceOf(wallet)).toBe(10_000);
  });

  it("refuses to pay out a held withdrawal while the wallet owes, and tells the finance desk why", async () => {
    const { organisation, head, wallet } = await createDisbursedApplication({ disbursedFen: 10_000 });
    const { withdrawalId } = await requestWithdrawal(
      head,
      { accountId: wallet, amountFen: 10_000, ...bank },
      key(),
    );
    // A debt recorded outside a claw-back's seizure (as the migration does for old claw-backs).
    const programme = await createDisbursedApplication();
    await db.ledgerDebt.create({
      data: {
        debtorAccountId: wallet,
        creditorAccountId: programme.programmeAccount,
        amountFen: 3_000,
        owedFen: 3_000,
      },
    });
    const staff = await createFinanceStaff();
    const desk = await getFinanceDesk(staff, "zh");
    expect(desk.pending.find((w) => w.id === withdrawalId)?.owedFen).toBe(3_000);
    await expect(markWithdrawalPaid(staff, withdrawalId, "BANK-2", key())).rejects.toMatchObject({
      code: "wallet.debt_open",
    });
    // Rejecting returns the money to the wallet, where it pays the debt first.
    await rejectWithdrawal(staff, withdrawalId, "尚欠追缴款", key());
    expect(await balanceOf(wallet)).toBe(7_000);
    expect(organisation.id).toBeTruthy();
    await expectLedgerClean();
  });
});
