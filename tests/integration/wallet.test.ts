import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  CLEARING,
  balanceOf,
  checkLedgerInvariants,
  walletId,
  withdrawalHoldId,
} from "~/modules/ledger/ledger.server";
import {
  getAccountStatement,
  markWithdrawalPaid,
  myAccounts,
  recordOfflineDeposit,
  rejectWithdrawal,
  requestWithdrawal,
  statementCsv,
} from "~/modules/wallet/wallet.server";
import { useTestDatabase } from "../support/database";
import { addMember, createBureau, createExpert, createVillage } from "../support/needs-factories";
import { createFinanceStaff, fund } from "../support/wallet-factories";

useTestDatabase();

afterAll(async () => {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
});

const deposit = (
  accountId: string,
  amountFen: number,
  bankReference: string,
  extra: { payerName?: string; note?: string } = {},
) => ({
  accountId,
  amountFen,
  bankReference,
  payerName: extra.payerName ?? "栾川县协心香菇专业合作社",
  note: extra.note,
});

const bank = {
  bankName: "中国农业银行栾川支行",
  accountName: "王建国",
  accountNumber: "6228480012345671234",
};

async function notificationsOf(userId: string, type: string) {
  return db.notification.findMany({ where: { userId, type }, select: { payload: true } });
}

describe("offline deposits (线下转账登记)", () => {
  it("credits the wallet once per bank reference, notifies its holders and audits", async () => {
    const staff = await createFinanceStaff();
    const { organisation, head } = await createVillage();
    const account = walletId({ organisationId: organisation.id });
    const key = randomUUID();
    const first = await recordOfflineDeposit(staff, deposit(account, 500_000, "ABC2026001"), key);
    expect(await balanceOf(account)).toBe(500_000);

    // The same form submitted twice replays; another key cannot credit the same transfer again.
    expect(await recordOfflineDeposit(staff, deposit(account, 500_000, "ABC2026001"), key)).toEqual(first);
    await expect(
      recordOfflineDeposit(staff, deposit(account, 500_000, "ABC2026001"), randomUUID()),
    ).rejects.toMatchObject({ code: "wallet.bank_reference_used" });
    await expect(recordOfflineDeposit(staff, deposit(account, 900, "ABC2026001"), key)).rejects.toMatchObject(
      { code: "idempotency.key_reused" },
    );
    expect(await balanceOf(account)).toBe(500_000);

    expect(
      await db.offlineDeposit.findUniqueOrThrow({
        where: { bankReference: "ABC2026001" },
        select: { accountId: true, amountFen: true, transferId: true },
      }),
    ).toEqual({ accountId: account, amountFen: 500_000, transferId: first.transferId });
    expect(
      await db.auditLog.count({ where: { action: "wallet.deposit_recorded", subjectId: first.depositId } }),
    ).toBe(1);
    const notices = await notificationsOf(head.id, "wallet.deposit");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({ params: { amount: "¥5,000" } });
  });

  it("lets one of two staff recording the same transfer at once through", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = walletId({ userId: expert.id });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => recordOfflineDeposit(staff, deposit(account, 10_000, "RACE-001"), randomUUID())),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ code: "wallet.bank_reference_used" });
    expect(await balanceOf(account)).toBe(10_000);
  });

  it("is for finance staff only, and only into a wallet that exists", async () => {
    const bureau = await createBureau();
    const { organisation, head } = await createVillage();
    const account = walletId({ organisationId: organisation.id });
    await expect(
      recordOfflineDeposit(bureau, deposit(account, 100, "NOPE-0001"), randomUUID()),
    ).rejects.toMatchObject({ code: "wallet.forbidden" });
    await expect(
      recordOfflineDeposit(head, deposit(account, 100, "NOPE-0002"), randomUUID()),
    ).rejects.toMatchObject({ code: "wallet.forbidden" });
    const staff = await createFinanceStaff();
    for (const other of [CLEARING, "escrow:m1", "wallet:user:nobody", "wallet:org:"]) {
      await expect(
        recordOfflineDeposit(staff, deposit(other, 100, "NOPE-0003"), randomUUID()),
      ).rejects.toMatchObject({ code: "wallet.not_a_wallet" });
    }
    expect(await db.offlineDeposit.count({ where: { bankReference: { startsWith: "NOPE" } } })).toBe(0);
  });
});

describe("withdrawals", () => {
  it("holds the money at once, keeps the full account number only until paid, and pays it out once", async () => {
    const staff = await createFinanceStaff();
    const { organisation, head } = await createVillage();
    const account = await fund({ organisationId: organisation.id }, 10_000);
    const { withdrawalId } = await requestWithdrawal(
      head,
      { accountId: account, amountFen: 4_000, ...bank },
      randomUUID(),
    );
    expect(await balanceOf(account)).toBe(6_000);
    expect(await balanceOf(withdrawalHoldId(withdrawalId))).toBe(4_000);
    const row = await db.withdrawalRequest.findUniqueOrThrow({ where: { id: withdrawalId } });
    // Finance staff need the full number to pay; the audit log and ledger memo never carry it.
    expect(row).toMatchObject({
      status: "REQUESTED",
      accountNumber: bank.accountNumber,
      accountNumberTail: "1234",
      amountFen: 4_000,
    });
    const audits = await db.auditLog.findMany({
      where: { subjectId: withdrawalId },
      select: { after: true },
    });
    const memos = await db.ledgerTransfer.findMany({
      where: { toAccountId: withdrawalHoldId(withdrawalId) },
      select: { memo: true },
    });
    expect(JSON.stringify([audits, memos])).not.toContain(bank.accountNumber);

    const key = randomUUID();
    const clearingBefore = await balanceOf(CLEARING);
    const paid = await markWithdrawalPaid(staff, withdrawalId, "PAY-778899", key);
    expect(await markWithdrawalPaid(staff, withdrawalId, "PAY-778899", key)).toEqual(paid);
    await expect(markWithdrawalPaid(staff, withdrawalId, "PAY-778899", randomUUID())).rejects.toMatchObject({
      code: "wallet.withdrawal_decided",
    });
    await expect(rejectWithdrawal(staff, withdrawalId, "账户信息有误", randomUUID())).rejects.toMatchObject({
      code: "wallet.withdrawal_decided",
    });
    expect(await balanceOf(withdrawalHoldId(withdrawalId))).toBe(0);
    expect(await balanceOf(CLEARING)).toBe(clearingBefore + 4_000);
    expect(await balanceOf(account)).toBe(6_000);
    expect(
      await db.withdrawalRequest.findUniqueOrThrow({
        where: { id: withdrawalId },
        select: { status: true, bankReference: true, decidedById: true, accountNumber: true },
      }),
    ).toEqual({ status: "PAID", bankReference: "PAY-778899", decidedById: staff.id, accountNumber: null });
    expect(await notificationsOf(head.id, "wallet.withdrawal_paid")).toHaveLength(1);
    expect(
      await db.auditLog.count({ where: { subjectId: withdrawalId, action: "wallet.withdrawal_paid" } }),
    ).toBe(1);
  });

  it("returns a rejected withdrawal to the wallet, with the reason", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 3_000);
    const { withdrawalId } = await requestWithdrawal(
      expert,
      { accountId: account, amountFen: 3_000, ...bank },
      randomUUID(),
    );
    expect(await balanceOf(account)).toBe(0);
    await rejectWithdrawal(staff, withdrawalId, "户名与实名不符", randomUUID());
    expect(await balanceOf(account)).toBe(3_000);
    expect(await balanceOf(withdrawalHoldId(withdrawalId))).toBe(0);
    const [notice] = await notificationsOf(expert.id, "wallet.withdrawal_rejected");
    expect(notice?.payload).toMatchObject({ params: { amount: "¥30", reason: "户名与实名不符" } });
  });

  it("decides a withdrawal once when staff race", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 5_000);
    const { withdrawalId } = await requestWithdrawal(
      expert,
      { accountId: account, amountFen: 5_000, ...bank },
      randomUUID(),
    );
    const results = await Promise.allSettled([
      markWithdrawalPaid(staff, withdrawalId, "PAY-1", randomUUID()),
      rejectWithdrawal(staff, withdrawalId, "重复申请", randomUUID()),
      markWithdrawalPaid(staff, withdrawalId, "PAY-2", randomUUID()),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await balanceOf(withdrawalHoldId(withdrawalId))).toBe(0);
    expect(await db.ledgerTransfer.count({ where: { fromAccountId: withdrawalHoldId(withdrawalId) } })).toBe(
      1,
    );
  });

  it("cannot take more than the balance, even with requests racing", async () => {
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 10_000);
    const before = await db.withdrawalRequest.count();
    await expect(
      requestWithdrawal(expert, { accountId: account, amountFen: 10_001, ...bank }, randomUUID()),
    ).rejects.toMatchObject({ code: "ledger.insufficient_funds" });
    expect(await db.withdrawalRequest.count()).toBe(before);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        requestWithdrawal(expert, { accountId: account, amountFen: 6_000, ...bank }, randomUUID()),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await balanceOf(account)).toBe(4_000);
    expect(await db.withdrawalRequest.count()).toBe(before + 1);
  });

  it("is for the wallet's holders: the person, or the organisation's managers", async () => {
    const { organisation, head } = await createVillage();
    const farmer = await addMember(organisation.id, "FARMER");
    const stranger = await createExpert();
    const staff = await createFinanceStaff();
    const account = await fund({ organisationId: organisation.id }, 1_000);
    for (const actor of [farmer, stranger, staff]) {
      await expect(
        requestWithdrawal(actor, { accountId: account, amountFen: 100, ...bank }, randomUUID()),
      ).rejects.toMatchObject({ code: "wallet.forbidden" });
    }
    await expect(
      requestWithdrawal(
        head,
        { accountId: walletId({ userId: stranger.id }), amountFen: 100, ...bank },
        randomUUID(),
      ),
    ).rejects.toMatchObject({ code: "wallet.forbidden" });
    await expect(markWithdrawalPaid(head, "any", "PAY-0000", randomUUID())).rejects.toMatchObject({
      code: "wallet.forbidden",
    });
    expect(await balanceOf(account)).toBe(1_000);
  });
});

describe("my accounts and statements", () => {
  it("lists my wallet and those of organisations whose finance I handle, with balances", async () => {
    const { organisation, head } = await createVillage();
    await fund({ organisationId: organisation.id }, 7_700);
    const accounts = await myAccounts(head);
    expect(accounts).toEqual([
      {
        accountId: walletId({ userId: head.id }),
        organisationName: null,
        balanceFen: 0,
        owedFen: 0,
        administeredOrganisationId: null,
      },
      {
        accountId: walletId({ organisationId: organisation.id }),
        organisationName: organisation.name,
        balanceFen: 7_700,
        owedFen: 0,
        administeredOrganisationId: organisation.id,
      },
    ]);
    const farmer = await addMember(organisation.id, "FARMER");
    expect((await myAccounts(farmer)).map((account) => account.accountId)).toEqual([
      walletId({ userId: farmer.id }),
    ]);
  });

  it("shows a statement to the holders, finance staff and the bureau (read-only), and to no one else", async () => {
    const { organisation, head } = await createVillage();
    const account = await fund({ organisationId: organisation.id }, 2_000);
    const filters = { page: 1 };
    expect(await getAccountStatement(head, account, filters, "zh")).toMatchObject({
      account: { balanceFen: 2_000, canManage: true, label: organisation.name },
      total: 1,
    });
    expect(await getAccountStatement(await createBureau(), account, filters, "zh")).toMatchObject({
      account: { canManage: false },
      total: 1,
    });
    expect(await getAccountStatement(await createFinanceStaff(), account, filters, "zh")).toMatchObject({
      total: 1,
    });
    const farmer = await addMember(organisation.id, "FARMER");
    await expect(getAccountStatement(farmer, account, filters, "zh")).rejects.toMatchObject({
      code: "wallet.forbidden",
    });
    await expect(statementCsv(await createExpert(), account, {}, "zh")).rejects.toMatchObject({
      code: "wallet.forbidden",
    });
    // A wallet nobody has paid into yet has an empty statement, not an error.
    expect(await getAccountStatement(head, walletId({ userId: head.id }), filters, "zh")).toMatchObject({
      total: 0,
      account: { balanceFen: 0 },
    });
  });

  it("exports CSV with a BOM, Shanghai times, yuan amounts, a running balance and defused cells", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = walletId({ userId: expert.id });
    await recordOfflineDeposit(
      staff,
      deposit(account, 123_456, "CSV-0001", { payerName: '=HYPERLINK("http://evil")' }),
      randomUUID(),
    );
    await requestWithdrawal(expert, { accountId: account, amountFen: 23_456, ...bank }, randomUUID());
    await recordOfflineDeposit(
      staff,
      deposit(account, 5, "CSV-0002", { payerName: "@李四, 张三" }),
      randomUUID(),
    );

    const csv = await statementCsv(expert, account, {}, "zh");
    expect(csv.startsWith("\uFEFF时间,类型,摘要,对方账户,收入,支出,余额\r\n")).toBe(true);
    const rows = csv.slice(1).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},线下转账充值,"'=HYPERLINK\(""http:\/\/evil""\) CSV-0001",平台清算账户（银行往来）,1234\.56,,1234\.56$/,
    );
    expect(rows[1]).toMatch(/,提现冻结,中国农业银行栾川支行 \*\*\*\*1234,提现冻结,,234\.56,1000\.00$/);
    expect(rows[2]).toMatch(
      /,线下转账充值,"'@李四, 张三 CSV-0002",平台清算账户（银行往来）,0\.05,,1000\.05$/,
    );

    const [line] = (await getAccountStatement(expert, account, { page: 1 }, "zh")).lines;
    const time = rows[2]!.split(",")[0]!;
    expect(new Date(`${time.replace(" ", "T")}+08:00`).getTime()).toBe(
      Math.floor(new Date(line!.at).getTime() / 1000) * 1000,
    );

    const english = await statementCsv(expert, account, { reason: "WITHDRAWAL_HOLD" }, "en");
    expect(english.split("\r\n")[0]).toBe("\uFEFFTime,Type,Description,Counterparty,In,Out,Balance");
    expect(english.trimEnd().split("\r\n")).toHaveLength(2);
  });
});
