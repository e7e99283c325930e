import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isMessageKey, translate } from "~/i18n/i18n";
import { balanceOf, checkLedgerInvariants, walletId } from "~/modules/ledger/ledger.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as financeAction, loader as financeLoader } from "~/routes/wallet/admin.finance";
import { action as revenueAction } from "~/routes/agreements/agreements.$id.revenue";
import { action as walletAction, loader as walletLoader } from "~/routes/wallet/wallet._index";
import { loader as statementLoader } from "~/routes/wallet/wallet.$accountId";
import { loader as csvLoader } from "~/routes/wallet/wallet.$accountId_.statement[.]csv";
import { getToast } from "~/utils/toast.server";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/needs-factories";
import { createFinanceStaff, createRevenueAgreement, evidencePhoto, fund } from "../support/wallet-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-wallet-routes-"));
process.env.DATA_DIR = dataDir;

useTestDatabase();

afterAll(async () => {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
  rmSync(dataDir, { recursive: true, force: true });
});

const context = { cspNonce: "test", clientIp: "10.6.0.1" };
const ENGLISH = "xk_lang=ImVuIg%3D%3D";

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
}

function post(url: string, cookie: string, fields: Record<string, string> | FormData) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  return new Request(`http://localhost${url}`, { method: "POST", body, headers: { cookie } });
}

type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

const bank = { bankName: "中国农业银行栾川支行", accountName: "张明", accountNumber: "6228 4800 1234 5678" };

describe("the withdrawal form on /wallet", () => {
  it("refuses negative, zero, fractional-fen, above-limit and above-balance amounts with a message, moving nothing", async () => {
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 10_000);
    const cookie = await cookieFor(expert.id);
    const cases: [string, string][] = [
      ["-5", "ledger.errors.amount_positive"],
      ["0", "ledger.errors.amount_positive"],
      ["0.001", "ledger.errors.amount_fraction"],
      ["12345.678", "ledger.errors.amount_fraction"],
      ["12.345", "errors.amount_format"],
      ["10000000.01", "ledger.errors.amount_too_large"],
      ["abc", "ledger.errors.amount_invalid"],
    ];
    for (const [amount, message] of cases) {
      const reply = (await walletAction({
        request: post("/wallet", cookie, {
          accountId: account,
          amount,
          ...bank,
          idempotencyKey: randomUUID(),
        }),
        context,
        params: {},
      })) as unknown as Reply;
      expect(reply.init.status, amount).toBe(400);
      expect(reply.data.error?.amount, amount).toEqual([message]);
      expect(isMessageKey(message) && translate("zh", message)).not.toBe(message);
      expect(reply.data.initialValue).toMatchObject({ amount });
    }

    const above = (await walletAction({
      request: post("/wallet", cookie, {
        accountId: account,
        amount: "100.01",
        ...bank,
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(above.init.status).toBe(409);
    expect(above.data.error?.amount).toEqual(["余额不足，请先充值"]);
    const english = (await walletAction({
      request: post("/wallet", `${cookie}; ${ENGLISH}`, {
        accountId: account,
        amount: "100.01",
        ...bank,
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(english.data.error?.amount).toEqual(["Not enough money in the wallet; top it up first"]);

    const bad = (await walletAction({
      request: post("/wallet", cookie, {
        accountId: account,
        amount: "1",
        ...bank,
        accountNumber: "12ab",
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(bad.data.error?.accountNumber).toEqual(["wallet.errors.account_number"]);

    expect(await balanceOf(account)).toBe(10_000);
    expect(await db.withdrawalRequest.count({ where: { accountId: account } })).toBe(0);
  });

  it("holds the money and redirects; a double submit with the same key withdraws once", async () => {
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 10_000);
    const cookie = await cookieFor(expert.id);
    const { idempotencyKey, accounts } = await walletLoader({
      request: new Request("http://localhost/wallet", { headers: { cookie } }),
      context,
      params: {},
    });
    expect(accounts).toEqual([
      {
        accountId: account,
        organisationName: null,
        balanceFen: 10_000,
        owedFen: 0,
        administeredOrganisationId: null,
      },
    ]);
    const fields = { accountId: account, amount: "25.50", ...bank, idempotencyKey };
    for (let i = 0; i < 2; i++) {
      const response = (await walletAction({
        request: post("/wallet", cookie, fields),
        context,
        params: {},
      })) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/wallet");
    }
    expect(await balanceOf(account)).toBe(7_450);
    expect(
      await db.withdrawalRequest.findMany({
        where: { accountId: account },
        select: { amountFen: true, accountNumberTail: true },
      }),
    ).toEqual([{ amountFen: 2_550, accountNumberTail: "5678" }]);
  });
});

describe("/admin/finance", () => {
  it("is for finance staff only", async () => {
    const expert = await createExpert();
    const cookie = await cookieFor(expert.id);
    await expect(
      financeLoader({
        request: new Request("http://localhost/admin/finance", { headers: { cookie } }),
        context,
        params: {},
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      financeAction({ request: post("/admin/finance", cookie, { intent: "deposit" }), context, params: {} }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("refuses bad deposit amounts and a reused bank reference with a message, crediting nothing twice", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = walletId({ userId: expert.id });
    const cookie = await cookieFor(staff.id);
    const fields = (amount: string, bankReference = "ICBC 2026 0001") => ({
      intent: "deposit",
      accountId: account,
      amount,
      bankReference,
      payerName: "张明",
      idempotencyKey: randomUUID(),
    });
    for (const [amount, message] of [
      ["-1", "ledger.errors.amount_positive"],
      ["0.00", "ledger.errors.amount_positive"],
      ["1999.999", "ledger.errors.amount_fraction"],
      ["1.999", "errors.amount_format"],
      ["1,5", "errors.amount_format"],
      ["20000000", "ledger.errors.amount_too_large"],
    ] as const) {
      const reply = (await financeAction({
        request: post("/admin/finance", cookie, fields(amount)),
        context,
        params: {},
      })) as unknown as Reply;
      expect(reply.init.status, amount).toBe(400);
      expect(reply.data.error?.amount, amount).toEqual([message]);
    }
    expect(await balanceOf(account)).toBe(0);

    const ok = (await financeAction({
      request: post("/admin/finance", cookie, fields("1,000.50")),
      context,
      params: {},
    })) as Response;
    expect(ok.status).toBe(302);
    expect(await balanceOf(account)).toBe(100_050);
    // The same bank transfer typed differently is still the same reference.
    const again = (await financeAction({
      request: post("/admin/finance", cookie, fields("1000.50", "icbc20260001")),
      context,
      params: {},
    })) as unknown as Reply;
    expect(again.init.status).toBe(409);
    expect(again.data.error?.bankReference).toEqual(["这笔银行流水号已经登记过，不能重复入账"]);
    const nowhere = (await financeAction({
      request: post("/admin/finance", cookie, { ...fields("5"), accountId: "wallet:user:nobody" }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(nowhere.data.error?.accountId).toEqual([translate("zh", "wallet.errors.not_a_wallet")]);
    expect(await balanceOf(account)).toBe(100_050);
  });

  it("marks a withdrawal paid or returns it, shown in the pending list until then", async () => {
    const staff = await createFinanceStaff();
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 9_000);
    const cookie = await cookieFor(staff.id);
    for (const amount of ["30", "40"]) {
      await walletAction({
        request: post("/wallet", await cookieFor(expert.id), {
          accountId: account,
          amount,
          ...bank,
          idempotencyKey: randomUUID(),
        }),
        context,
        params: {},
      });
    }
    const desk = await financeLoader({
      request: new Request("http://localhost/admin/finance", { headers: { cookie } }),
      context,
      params: {},
    });
    const mine = desk.pending.filter((withdrawal) => withdrawal.accountId === account);
    expect(mine.map((withdrawal) => withdrawal.amountFen)).toEqual([3_000, 4_000]);

    const paid = (await financeAction({
      request: post("/admin/finance", cookie, {
        intent: "markPaid",
        withdrawalId: mine[0]!.id,
        bankReference: "PAY-0001",
        idempotencyKey: desk.idempotencyKey,
      }),
      context,
      params: {},
    })) as Response;
    expect(paid.status).toBe(302);
    const noReason = (await financeAction({
      request: post("/admin/finance", cookie, {
        intent: "reject",
        withdrawalId: mine[1]!.id,
        reason: "",
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(noReason.data.error?.reason).toEqual(["errors.required"]);
    await financeAction({
      request: post("/admin/finance", cookie, {
        intent: "reject",
        withdrawalId: mine[1]!.id,
        reason: "户名不符",
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    });
    const twice = (await financeAction({
      request: post("/admin/finance", cookie, {
        intent: "reject",
        withdrawalId: mine[0]!.id,
        reason: "再次退回",
        idempotencyKey: randomUUID(),
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(twice.init.status).toBe(409);
    expect(await balanceOf(account)).toBe(9_000 - 3_000);
  });
});

describe("statement pages", () => {
  it("serves the statement and its CSV to the holder, and 403 to others", async () => {
    const expert = await createExpert();
    const account = await fund({ userId: expert.id }, 4_200);
    const cookie = await cookieFor(expert.id);
    const page = await statementLoader({
      request: new Request(`http://localhost/wallet/${encodeURIComponent(account)}?reason=DEPOSIT&page=x`, {
        headers: { cookie },
      }),
      context,
      params: { accountId: account },
    });
    expect(page).toMatchObject({
      total: 1,
      filters: { reason: "DEPOSIT", page: 1 },
      account: { balanceFen: 4_200 },
    });

    const csv = await csvLoader({
      request: new Request(`http://localhost/wallet/${encodeURIComponent(account)}/statement.csv`, {
        headers: { cookie },
      }),
      context,
      params: { accountId: account },
    });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="statement-wallet-user-[\w-]+\.csv"$/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain(",42.00,,42.00\r\n");

    const stranger = await cookieFor((await createExpert()).id);
    await expect(
      statementLoader({
        request: new Request("http://localhost/wallet/x", { headers: { cookie: stranger } }),
        context,
        params: { accountId: account },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      csvLoader({
        request: new Request("http://localhost/wallet/x/statement.csv", { headers: { cookie: stranger } }),
        context,
        params: { accountId: account },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("the revenue actions", () => {
  async function toastOf(response: Response) {
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    return (await getToast(new Request("http://localhost/", { headers: { cookie } }))).toast;
  }

  it("reports with evidence and settles, answering every refusal with a toast on the agreement page", async () => {
    const setup = await createRevenueAgreement({
      share: { startDate: "2025-01-01", termMonths: 3, period: "MONTH" },
    });
    const cookie = await cookieFor(setup.payer.id);
    const url = `/agreements/${setup.agreement.id}/revenue`;
    const form = (base: string) => {
      const data = new FormData();
      for (const [name, value] of Object.entries({
        intent: "report",
        component: "1",
        periodStart: "2025-01-01",
        base,
        note: "一月",
      }))
        data.append(name, value);
      return data;
    };
    const bad = (await revenueAction({
      request: post(url, cookie, form("1234.005")),
      context,
      params: { id: setup.agreement.id },
    })) as Response;
    expect(bad.headers.get("location")).toBe(`/agreements/${setup.agreement.id}`);
    expect(await toastOf(bad)).toMatchObject({ type: "error", message: "ledger.errors.amount_fraction" });
    const noPhoto = (await revenueAction({
      request: post(url, cookie, form("100")),
      context,
      params: { id: setup.agreement.id },
    })) as Response;
    expect(await toastOf(noPhoto)).toMatchObject({
      type: "error",
      message: "revenue.errors.evidence_required",
    });

    const good = form("1,000");
    good.append("evidence", await evidencePhoto());
    const reported = (await revenueAction({
      request: post(url, cookie, good),
      context,
      params: { id: setup.agreement.id },
    })) as Response;
    expect(await toastOf(reported)).toMatchObject({ type: "success", message: "revenue.report.done" });
    const report = await db.revenueReport.findFirstOrThrow({
      where: { agreementId: setup.agreement.id },
      select: { id: true, shareDueFen: true },
    });
    expect(report.shareDueFen).toBe(10_000);

    const settle = { intent: "settle", reportId: report.id, idempotencyKey: randomUUID() };
    const poor = (await revenueAction({
      request: post(url, cookie, settle),
      context,
      params: { id: setup.agreement.id },
    })) as Response;
    expect(await toastOf(poor)).toMatchObject({ type: "error", message: "ledger.errors.insufficient_funds" });
    const payer = await fund({ organisationId: setup.organisation.id }, 10_000);
    const settled = (await revenueAction({
      request: post(url, cookie, settle),
      context,
      params: { id: setup.agreement.id },
    })) as Response;
    expect(await toastOf(settled)).toMatchObject({ type: "success", message: "revenue.settle.done" });
    expect(await balanceOf(payer)).toBe(0);
    expect(await balanceOf(walletId({ userId: setup.payee.id }))).toBe(10_000);
  });
});
