import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  balanceOf,
  checkLedgerInvariants,
  programmeAccountId,
  walletId,
} from "~/modules/ledger/ledger.server";
import {
  approveDisbursement,
  proposeDisbursement,
  refuseDisbursement,
} from "~/modules/programmes/programmes.cosign.server";
import {
  evaluateApplication,
  signEvaluation,
} from "~/modules/programmes/programmes.cosign-evaluation.server";
import {
  getCosignView,
  listFinanceQueue,
  officerLabel,
} from "~/modules/programmes/programmes.cosign.queries.server";
import { translate } from "~/i18n/i18n";
import { reportCompletion } from "~/modules/programmes/programmes.completion.server";
import { ban, lift, suspend } from "~/modules/sanctions/sanctions.server";
import { useTestDatabase } from "../support/database";
import { createFinance } from "../support/finance-factories";
import { createUser } from "../support/factories";
import { actorOf, createBureau } from "../support/needs-factories";
import { bureauHub } from "~/modules/bureau/bureau-hub.server";
import { officerTasks } from "~/modules/bureau/officer-tasks.server";
import {
  approveDirectly,
  createApplication,
  createOpenProgramme,
  newKey,
} from "../support/programmes-factories";

useTestDatabase();

function code(promise: Promise<unknown>) {
  return promise.then(
    () => "resolved",
    (error: { code?: string; message?: string }) => error.code ?? error.message,
  );
}

/** An approved grant of ¥400 with its science bureau officer and a finance officer. */
async function approvedGrant() {
  const { programme, bureau } = await createOpenProgramme();
  const { application, organisation, head } = await createApplication(programme.id);
  await approveDirectly(application.id, 40_000);
  return { programme, bureau, application, organisation, head, finance: await createFinance() };
}

const transfersOf = (applicationId: string) =>
  db.ledgerTransfer.count({ where: { programmeApplicationId: applicationId, reason: "DISBURSEMENT" } });

const propose = (
  actor: Parameters<typeof proposeDisbursement>[0],
  applicationId: string,
  amountFen?: number,
) => proposeDisbursement(actor, { applicationId, amountFen, note: "首期拨付", idempotencyKey: newKey() });

describe("co-signed disbursement", () => {
  it("moves no money on a proposal, only when finance signs it, and pending proposals cap what may be proposed", async () => {
    const { programme, bureau, application, organisation, finance } = await approvedGrant();
    const { proposalId, amountFen } = await propose(bureau, application.id, 25_000);
    expect(amountFen).toBe(25_000);
    expect(await transfersOf(application.id)).toBe(0);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(0);
    expect(await balanceOf(programmeAccountId(programme.id))).toBe(1_000_000);
    // 40 000 approved, 25 000 waiting: 15 001 more cannot be proposed, 15 000 can.
    expect(await code(propose(bureau, application.id, 15_001))).toBe("cosign.over_proposable");
    const rest = await propose(bureau, application.id);
    expect(rest.amountFen).toBe(15_000);
    expect((await listFinanceQueue()).proposals.map((row) => row.id).sort()).toEqual(
      [proposalId, rest.proposalId].sort(),
    );

    const paid = await approveDisbursement(finance, { proposalId, idempotencyKey: newKey() });
    expect(paid.amountFen).toBe(25_000);
    expect(await transfersOf(application.id)).toBe(1);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(25_000);
    const row = await db.disbursementProposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect(row).toMatchObject({ status: "APPROVED", decidedById: finance.id, transferId: paid.transferId });
    expect(
      (await db.programmeApplication.findUniqueOrThrow({ where: { id: application.id } })).disbursedFen,
    ).toBe(25_000);
  });

  it("pays once when finance taps twice (one key) or signs in two tabs (two keys)", async () => {
    const { bureau, application, organisation, finance } = await approvedGrant();
    const first = await propose(bureau, application.id, 10_000);
    const key = newKey();
    await Promise.all([
      approveDisbursement(finance, { proposalId: first.proposalId, idempotencyKey: key }),
      approveDisbursement(finance, { proposalId: first.proposalId, idempotencyKey: key }),
    ]);
    const second = await propose(bureau, application.id, 10_000);
    const tabs = await Promise.all([
      approveDisbursement(finance, { proposalId: second.proposalId, idempotencyKey: newKey() }),
      approveDisbursement(finance, { proposalId: second.proposalId, idempotencyKey: newKey() }),
    ]);
    expect(tabs[0].transferId).toBe(tabs[1].transferId);
    expect(await transfersOf(application.id)).toBe(2);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(20_000);
    expect(
      (await db.programmeApplication.findUniqueOrThrow({ where: { id: application.id } })).disbursedFen,
    ).toBe(20_000);
    expect((await checkLedgerInvariants()).sumOfBalances).toBe(0);
  });

  it("pays nothing on a refused proposal, which cannot be signed afterwards, and frees its amount", async () => {
    const { bureau, application, organisation, finance } = await approvedGrant();
    const { proposalId } = await propose(bureau, application.id);
    await refuseDisbursement(finance, { proposalId, reason: "缺少资金使用计划" });
    expect(await code(approveDisbursement(finance, { proposalId, idempotencyKey: newKey() }))).toBe(
      "cosign.proposal_decided",
    );
    expect(await transfersOf(application.id)).toBe(0);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(0);
    const view = await getCosignView(application.id);
    expect(view.proposals[0]).toMatchObject({ status: "REFUSED", refusalReason: "缺少资金使用计划" });
    expect(view.pendingFen).toBe(0);
    expect((await propose(bureau, application.id)).amountFen).toBe(40_000);
  });

  it("pays nothing while finance has stopped payments; only finance resumes them, and then it pays", async () => {
    const { bureau, application, organisation, finance } = await approvedGrant();
    const { proposalId } = await propose(bureau, application.id);
    const stop = await suspend(finance, application.id, "资金未按计划使用");
    expect(await code(approveDisbursement(finance, { proposalId, idempotencyKey: newKey() }))).toBe(
      "programme.suspended",
    );
    expect(await code(propose(bureau, application.id))).toBe("programme.suspended");
    expect(await transfersOf(application.id)).toBe(0);
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(0);
    // The science bureau sees who stopped it, from which bureau, and why; it cannot resume it.
    expect((await getCosignView(application.id)).stops[0]).toMatchObject({
      office: "FINANCE",
      stoppedBy: officerLabel({ displayName: finance.displayName, primaryRole: "FINANCE" }),
      reason: "资金未按计划使用",
    });
    expect(await code(lift(bureau, stop.id, "已整改"))).toBe("cosign.lift_by_stopper");
    await lift(finance, stop.id, "已整改");
    await approveDisbursement(finance, { proposalId, idempotencyKey: newKey() });
    expect(await transfersOf(application.id)).toBe(1);
  });

  it("names an officer with their bureau once, whether or not the display name carries it", async () => {
    expect(officerLabel({ displayName: "市科技局 农村科技科", primaryRole: "BUREAU" })).toBe(
      "市科技局 农村科技科",
    );
    expect(officerLabel({ displayName: "钱芳 市财政局教科文科", primaryRole: "FINANCE" })).toBe(
      "钱芳 市财政局教科文科",
    );
    expect(officerLabel({ displayName: "刘敏", primaryRole: "BUREAU" })).toBe("刘敏（市科技局）");
    expect(officerLabel({ displayName: "钱芳", primaryRole: "FINANCE" })).toBe("钱芳（市财政局）");

    // The queue line as the finance officer reads it: the name once, no bureau prefix before it.
    const { bureau, application } = await approvedGrant();
    await db.user.update({ where: { id: bureau.id }, data: { displayName: "市科技局 农村科技科" } });
    const { proposalId } = await propose(bureau, application.id);
    const row = (await listFinanceQueue()).proposals.find((proposal) => proposal.id === proposalId)!;
    const line = translate("zh", "cosign.queueProposal", {
      amount: "¥1",
      organisation: row.organisation,
      name: row.by,
    });
    expect(line.match(/科技局/g)).toHaveLength(1);
    expect(line).toContain("市科技局 农村科技科 提出");
  });

  it("lets no BUREAU officer sign as finance and no FINANCE officer act as the science bureau", async () => {
    const { bureau, application, organisation, finance } = await approvedGrant();
    const { proposalId } = await propose(bureau, application.id);
    expect(await code(approveDisbursement(bureau, { proposalId, idempotencyKey: newKey() }))).toBe(
      "programme.forbidden",
    );
    expect(await code(refuseDisbursement(bureau, { proposalId, reason: "不同意" }))).toBe(
      "programme.forbidden",
    );
    expect(await code(propose(finance, application.id))).toBe("programme.forbidden");
    expect(
      await code(
        evaluateApplication(finance, application.id, { score: 90, narrative: "很好", commended: true }),
      ),
    ).toBe("programme.forbidden");
    expect(await code(signEvaluation(bureau, application.id, { agree: true, note: "同意" }))).toBe(
      "programme.forbidden",
    );
    expect(await code(ban(finance, { organisationId: organisation.id, reason: "挪用" }))).toBe(
      "sanction.forbidden",
    );
    // A science-bureau stop is the science bureau's to lift.
    const stop = await suspend(bureau, application.id, "申报材料不实");
    expect(await code(lift(finance, stop.id, "已整改"))).toBe("cosign.lift_by_stopper");
    expect(await transfersOf(application.id)).toBe(0);
  });
});

describe("joint evaluation", () => {
  const report = {
    summary: "完成菌棒生产线建设，培训农户 52 户。",
    farmersTrained: 52,
    incomeChange: 180_000,
    jobsCreated: 6,
    sales: 12_000_000,
  };

  it("is final only when finance agrees; a disagreement sends it back with the note for a new round", async () => {
    const { programme, bureau } = await createOpenProgramme({ kind: "POST_SUBSIDY" });
    const { application, head } = await createApplication(programme.id);
    await approveDirectly(application.id, 30_000);
    await reportCompletion(head, application.id, report, []);
    const finance = await createFinance();
    const status = async () =>
      (await db.programmeApplication.findUniqueOrThrow({ where: { id: application.id } })).status;

    await evaluateApplication(bureau, application.id, { score: 85, narrative: "成效明显", commended: true });
    expect(await status()).toBe("APPROVED");
    expect(await code(propose(bureau, application.id))).toBe("programme.not_evaluated");
    expect(
      await code(
        evaluateApplication(bureau, application.id, { score: 70, narrative: "再评", commended: false }),
      ),
    ).toBe("cosign.evaluation_pending");

    await signEvaluation(finance, application.id, { agree: false, note: "销售额缺少票据佐证" });
    expect(await status()).toBe("APPROVED");
    expect(
      (await db.programmeOutcome.findUniqueOrThrow({ where: { applicationId: application.id } })).score,
    ).toBeNull();
    expect(await code(signEvaluation(finance, application.id, { agree: true, note: "同意" }))).toBe(
      "cosign.no_pending_evaluation",
    );

    await evaluateApplication(bureau, application.id, {
      score: 72,
      narrative: "补充票据后合格",
      commended: false,
    });
    await signEvaluation(finance, application.id, { agree: true, note: "资金使用符合规定" });
    expect(await status()).toBe("EVALUATED");
    expect(
      await db.programmeOutcome.findUniqueOrThrow({
        where: { applicationId: application.id },
        select: { score: true, commended: true, evaluatedById: true },
      }),
    ).toEqual({ score: 72, commended: false, evaluatedById: bureau.id });
    const rounds = (await getCosignView(application.id)).rounds;
    expect(rounds.map((round) => [round.score, round.financeOpinion, round.financeNote])).toEqual([
      [72, "AGREE", "资金使用符合规定"],
      [85, "DISAGREE", "销售额缺少票据佐证"],
    ]);
    expect((await propose(bureau, application.id)).amountFen).toBe(30_000);
  });
});

describe("the workbench's desk", () => {
  it("is the finance bureau's for a finance officer, the city's for the bureau and for administrators", async () => {
    expect((await bureauHub(await createFinance())).desk).toBe("finance");
    expect((await bureauHub(await createBureau())).desk).toBe("city");
    const admin = await actorOf((await createUser({ role: "ADMIN" })).id);
    expect((await bureauHub(admin)).desk).toBe("city");
    // The administrator's workspace lists what waits, like an officer's.
    expect(await officerTasks(admin)).toMatchObject({ desk: "city", waiting: expect.any(Array) });
  });
});
