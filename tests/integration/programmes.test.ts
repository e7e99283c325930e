import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  balanceOf,
  checkLedgerInvariants,
  programmeAccountId,
  statement,
  walletId,
} from "~/modules/ledger/ledger.server";
import {
  applyToProgramme,
  approveDisbursement,
  decideApplication,
  evaluateApplication,
  proposeDisbursement,
  reportCompletion,
  reviewApplication,
  topUpProgramme,
  uncommittedFen,
  withdrawApplication,
} from "~/modules/programmes/programmes.server";
import { action as bureauApplicationAction } from "~/routes/bureau/bureau.programmes.applications.$id";
import { action as applyAction } from "~/routes/programmes/programmes.$id_.apply";
import { loader as programmeLoader } from "~/routes/programmes/programmes.$id";
import { loader as programmesLoader } from "~/routes/programmes/programmes._index";
import { createProgramme } from "~/modules/programmes/programmes.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { createExpert } from "../support/needs-factories";
import { createFinance, evaluateWithCosign, payWithCosign } from "../support/finance-factories";
import {
  addScores,
  applyFields,
  approveDirectly,
  createApplication,
  createBureau,
  createOpenProgramme,
  createVillage,
  newKey,
  programmeFields,
} from "../support/programmes-factories";

useTestDatabase();

const report = {
  summary: "完成菌棒生产线建设，培训农户 52 户，污染率降到 4%。",
  farmersTrained: 52,
  incomeChange: 1_800_00,
  jobsCreated: 6,
  sales: 120_000_00,
};

function code(promise: Promise<unknown>) {
  return promise.then(
    () => "resolved",
    (error: { code?: string; message?: string }) => error.code ?? error.message,
  );
}

describe("applying to a programme", () => {
  it("refuses a project outside the call's counties, industries or organisation types, saying which", async () => {
    const { programme } = await createOpenProgramme({
      eligibleCounties: ["410324"],
      eligibleIndustries: ["PLANTING"],
      eligibleOrgTypes: ["COOPERATIVE"],
    });
    const { organisation, head } = await createVillage();
    expect(
      await code(
        applyToProgramme(head, programme.id, applyFields(organisation.id, { countyCode: "410323" })),
      ),
    ).toBe("programme.ineligible_county");
    expect(
      await code(
        applyToProgramme(head, programme.id, applyFields(organisation.id, { industry: "BREEDING" })),
      ),
    ).toBe("programme.ineligible_industry");
    await db.organisation.update({ where: { id: organisation.id }, data: { type: "FAMILY_FARM" } });
    expect(await code(applyToProgramme(head, programme.id, applyFields(organisation.id)))).toBe(
      "programme.ineligible_org_type",
    );
    expect(await db.programmeApplication.count()).toBe(0);
  });

  it("refuses after the deadline, for an unverified organisation, and a second application for the same need", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const late = new Date(Date.now() + 60 * 86_400_000);
    expect(await code(applyToProgramme(head, programme.id, applyFields(organisation.id), late))).toBe(
      "programme.past_deadline",
    );

    const need = await db.need.create({
      data: {
        organisationId: organisation.id,
        postedById: head.id,
        title: "香菇菌棒污染防治",
        description: "菌棒污染严重，需要技术指导。",
        industry: "PLANTING",
        countyCode: "410324",
        arrangements: ["GRANT_FUNDED"],
      },
      select: { id: true },
    });
    await applyToProgramme(head, programme.id, applyFields(organisation.id, { link: `need:${need.id}` }));
    expect(
      await code(
        applyToProgramme(head, programme.id, applyFields(organisation.id, { link: `need:${need.id}` })),
      ),
    ).toBe("programme.duplicate");

    const unverified = await createVillage({ verified: false });
    expect(
      await code(applyToProgramme(unverified.head, programme.id, applyFields(unverified.organisation.id))),
    ).toBe("programme.org_unverified");
  });

  it("refuses a banned organisation with the ban's reason", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    await db.sanction.create({
      data: {
        kind: "BAN",
        organisationId: organisation.id,
        reason: "虚报项目成效",
        endsAt: new Date(Date.now() + 365 * 86_400_000),
        createdById: bureau.id,
      },
    });
    const error = await applyToProgramme(head, programme.id, applyFields(organisation.id)).catch(
      (caught: { code: string; params: Record<string, string> }) => caught,
    );
    expect(error).toMatchObject({ code: "sanction.banned", params: { reason: "虚报项目成效" } });
  });

  it("lets the applicant withdraw while submitted, and not after a decision", async () => {
    const { programme } = await createOpenProgramme();
    const { application, head } = await createApplication(programme.id);
    await withdrawApplication(head, application.id);
    expect(await code(withdrawApplication(head, application.id))).toBe("programme.already_decided");
  });
});

describe("review and decision", () => {
  it("refuses a reviewer who is a party of the linked agreement, and records a declared conflict without a score", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const agreement = await db.agreement.create({
      data: {
        number: `XK-P-${Date.now()}`,
        title: "香菇技术承包",
        status: "ACTIVE",
        payerOrganisationId: organisation.id,
        payerUserId: head.id,
        payeeUserId: expert.id,
        createdById: head.id,
      },
      select: { id: true },
    });
    const application = await applyToProgramme(
      head,
      programme.id,
      applyFields(organisation.id, { link: `agreement:${agreement.id}` }),
    );
    // A bureau member who is also the expert's counterpart on the agreement: make the payee a bureau reviewer.
    await db.user.update({ where: { id: expert.id }, data: { primaryRole: "BUREAU" } });
    const reviewer = { ...expert, primaryRole: "BUREAU" as const };
    expect(
      await code(reviewApplication(reviewer, application.id, { conflict: false, score: 90, comment: "" })),
    ).toBe("programme.conflict_of_interest");
    await reviewApplication(reviewer, application.id, { conflict: true });
    expect(
      await db.programmeReview.findMany({
        where: { applicationId: application.id },
        select: { conflict: true, score: true },
      }),
    ).toEqual([{ conflict: true, score: null }]);
    expect(await code(reviewApplication(reviewer, application.id, { conflict: true }))).toBe(
      "programme.already_reviewed",
    );
  });

  it("refuses a reviewer who belongs to the applying organisation", async () => {
    const { programme } = await createOpenProgramme();
    const { application, organisation } = await createApplication(programme.id);
    const insider = await createBureau();
    await db.membership.create({
      data: { userId: insider.id, organisationId: organisation.id, role: "BUREAU" },
    });
    expect(
      await code(reviewApplication(insider, application.id, { conflict: false, score: 70, comment: "" })),
    ).toBe("programme.conflict_of_interest");
  });

  it("approves only after two scores, and never beyond the uncommitted budget", async () => {
    const { programme, bureau } = await createOpenProgramme({ budgetFen: 100_000 });
    const first = await createApplication(programme.id, { requestedFen: 70_000 });
    const second = await createApplication(programme.id, { requestedFen: 50_000 });
    await addScores(first.application.id, 1);
    expect(
      await code(decideApplication(bureau, first.application.id, { approve: true, approvedFen: 70_000 })),
    ).toBe("programme.not_enough_reviews");
    await addScores(first.application.id, 1);
    await decideApplication(bureau, first.application.id, { approve: true, approvedFen: 70_000 });
    expect(await uncommittedFen(programme.id)).toBe(30_000);

    await addScores(second.application.id, 2);
    expect(
      await code(decideApplication(bureau, second.application.id, { approve: true, approvedFen: 50_000 })),
    ).toBe("programme.over_uncommitted");
    await topUpProgramme(bureau, programme.id, 20_000);
    await decideApplication(bureau, second.application.id, { approve: true, approvedFen: 50_000 });
    expect(await uncommittedFen(programme.id)).toBe(0);
    expect(
      await db.notification.count({ where: { userId: second.head.id, type: "programme.approved" } }),
    ).toBe(1);
  });

  it("refuses to review a decided application", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application } = await createApplication(programme.id);
    await decideApplication(bureau, application.id, { approve: false, note: "材料不全" });
    expect(
      await code(
        reviewApplication(await createBureau(), application.id, { conflict: false, score: 60, comment: "" }),
      ),
    ).toBe("programme.already_decided");
  });
});

describe("disbursement", () => {
  it("pays a grant into the organisation wallet statement and marks it disbursed when paid in full", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application, organisation } = await createApplication(programme.id);
    await addScores(application.id);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 40_000 });
    // Each payment is proposed by the science bureau and signed by the finance bureau.
    const finance = await createFinance();
    await payWithCosign(bureau, finance, { applicationId: application.id, amountFen: 15_000 });
    expect(
      await code(payWithCosign(bureau, finance, { applicationId: application.id, amountFen: 30_000 })),
    ).toBe("cosign.over_proposable");
    await payWithCosign(bureau, finance, { applicationId: application.id });

    const { lines } = await statement(walletId({ organisationId: organisation.id }));
    expect(lines.map((line) => [line.reason, line.amountFen])).toEqual([
      ["DISBURSEMENT", 25_000],
      ["DISBURSEMENT", 15_000],
    ]);
    expect(
      await db.programmeApplication.findUniqueOrThrow({
        where: { id: application.id },
        select: { status: true, disbursedFen: true },
      }),
    ).toEqual({ status: "DISBURSED", disbursedFen: 40_000 });
    expect(await balanceOf(programmeAccountId(programme.id))).toBe(1_000_000 - 40_000);
  });

  it("pays once for a double submit with the same idempotency key", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application } = await createApplication(programme.id);
    await approveDirectly(application.id, 40_000);
    const finance = await createFinance();
    const key = newKey();
    const input = { applicationId: application.id, amountFen: 10_000, note: "", idempotencyKey: key };
    const [proposed] = await Promise.all([
      proposeDisbursement(bureau, input),
      proposeDisbursement(bureau, input),
    ]);
    expect(await db.disbursementProposal.count({ where: { applicationId: application.id } })).toBe(1);
    const signKey = newKey();
    await Promise.all([
      approveDisbursement(finance, { proposalId: proposed.proposalId, idempotencyKey: signKey }),
      approveDisbursement(finance, { proposalId: proposed.proposalId, idempotencyKey: signKey }),
    ]);
    expect(
      (await db.programmeApplication.findUniqueOrThrow({ where: { id: application.id } })).disbursedFen,
    ).toBe(10_000);
    expect(await db.ledgerTransfer.count({ where: { programmeApplicationId: application.id } })).toBe(1);
  });

  it("refuses while suspended (停拨), showing the reason", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application } = await createApplication(programme.id);
    await approveDirectly(application.id, 40_000);
    await db.programmeApplication.update({
      where: { id: application.id },
      data: { suspendedAt: new Date(), suspensionReason: "资金使用不规范" },
    });
    const error = await proposeDisbursement(bureau, {
      applicationId: application.id,
      note: "",
      idempotencyKey: newKey(),
    }).catch((caught: { code: string; params: Record<string, string> }) => caught);
    expect(error).toMatchObject({ code: "programme.suspended", params: { reason: "资金使用不规范" } });
  });

  it("never overspends the budget under parallel disbursements", async () => {
    const { programme, bureau } = await createOpenProgramme({ budgetFen: 100_000 });
    const apps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { application } = await createApplication(programme.id);
      await approveDirectly(application.id, 40_000); // 3 × 40 000 > the budget: only possible directly
      apps.push(application.id);
    }
    const finance = await createFinance();
    // Ten parallel proposals of 20 000: only two per application fit its approval.
    const proposed = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        proposeDisbursement(bureau, {
          applicationId: apps[i % 3]!,
          amountFen: 20_000,
          note: "",
          idempotencyKey: newKey(),
        }),
      ),
    );
    const proposals = proposed.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(proposals).toHaveLength(6);
    expect(
      proposed.every(
        (result) =>
          result.status === "fulfilled" ||
          (result.reason as { code?: string }).code === "cosign.over_proposable",
      ),
    ).toBe(true);
    // 3 × 2 payments of 20 000 fit the approvals but not the budget: only 5 can be signed and paid.
    const results = await Promise.allSettled(
      proposals.map((proposal) =>
        approveDisbursement(finance, { proposalId: proposal.proposalId, idempotencyKey: newKey() }),
      ),
    );
    const paid = results.filter((result) => result.status === "fulfilled").length;
    const refusals = results.flatMap((result) =>
      result.status === "rejected" ? [(result.reason as { code?: string }).code] : [],
    );
    expect(
      refusals.every(
        (reason) => reason === "programme.over_approved" || reason === "programme.budget_exhausted",
      ),
    ).toBe(true);

    const rows = await db.programmeApplication.findMany({
      where: { id: { in: apps } },
      select: { approvedFen: true, disbursedFen: true },
    });
    const total = rows.reduce((sum, row) => sum + row.disbursedFen, 0);
    expect(total).toBe(paid * 20_000);
    expect(total).toBe(100_000);
    expect(refusals).toContain("programme.budget_exhausted");
    for (const row of rows) expect(row.disbursedFen).toBeLessThanOrEqual(row.approvedFen!);
    expect(await balanceOf(programmeAccountId(programme.id))).toBe(100_000 - total);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  });
});

describe("completion, evaluation and post-subsidies", () => {
  it("pays a post-subsidy only after completion and a passing evaluation", async () => {
    const { programme, bureau } = await createOpenProgramme({ kind: "POST_SUBSIDY" });
    const { application, head, organisation } = await createApplication(programme.id);
    await addScores(application.id);
    await decideApplication(bureau, application.id, { approve: true, approvedFen: 30_000 });
    const finance = await createFinance();
    expect(await code(payWithCosign(bureau, finance, { applicationId: application.id }))).toBe(
      "programme.not_evaluated",
    );
    expect(
      await code(
        evaluateApplication(bureau, application.id, { score: 80, narrative: "成效明显", commended: true }),
      ),
    ).toBe("programme.not_completed");

    await reportCompletion(head, application.id, report, []);
    await evaluateWithCosign(bureau, finance, application.id, {
      score: 80,
      narrative: "成效明显",
      commended: true,
    });
    await payWithCosign(bureau, finance, { applicationId: application.id });
    expect(
      await db.programmeApplication.findUniqueOrThrow({
        where: { id: application.id },
        select: { status: true, disbursedFen: true },
      }),
    ).toEqual({ status: "EVALUATED", disbursedFen: 30_000 });
    expect(await balanceOf(walletId({ organisationId: organisation.id }))).toBe(30_000);
  });

  it("refuses a post-subsidy after a failing evaluation", async () => {
    const { programme, bureau } = await createOpenProgramme({ kind: "POST_SUBSIDY" });
    const { application, head } = await createApplication(programme.id);
    await approveDirectly(application.id, 30_000);
    await reportCompletion(head, application.id, report, []);
    const finance = await createFinance();
    await evaluateWithCosign(bureau, finance, application.id, {
      score: 45,
      narrative: "未达预期",
      commended: false,
    });
    expect(await code(payWithCosign(bureau, finance, { applicationId: application.id }))).toBe(
      "programme.evaluation_failed",
    );
  });

  it("refuses the completion report while the linked agreement is not completed", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const agreement = await db.agreement.create({
      data: {
        number: `XK-C-${Date.now()}`,
        title: "香菇技术承包",
        status: "ACTIVE",
        payerOrganisationId: organisation.id,
        payerUserId: head.id,
        payeeUserId: expert.id,
        createdById: head.id,
      },
      select: { id: true },
    });
    const application = await applyToProgramme(
      head,
      programme.id,
      applyFields(organisation.id, { link: `agreement:${agreement.id}` }),
    );
    await approveDirectly(application.id, 30_000);
    expect(await code(reportCompletion(head, application.id, report, []))).toBe(
      "programme.agreement_not_completed",
    );
    await db.agreement.update({ where: { id: agreement.id }, data: { status: "COMPLETED" } });
    await reportCompletion(head, application.id, report, []);
    expect(
      (await db.programmeOutcome.findUniqueOrThrow({ where: { applicationId: application.id } }))
        .incomeChangeFen,
    ).toBe(180_000);
  });
});

describe("completion evidence", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-programmes-"));
    process.env.DATA_DIR = dataDir;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps the evidence photos of a report, and removes them when the report is refused", async () => {
    const { programme } = await createOpenProgramme();
    const { application, head } = await createApplication(programme.id);
    expect(await code(reportCompletion(head, application.id, report, [await jpegFile()]))).toBe(
      "programme.not_approved",
    );
    expect(await db.upload.count()).toBe(0);
    await approveDirectly(application.id, 30_000);
    await reportCompletion(head, application.id, report, [await jpegFile()]);
    expect(await db.programmeEvidence.count({ where: { applicationId: application.id } })).toBe(1);
  });
});

describe("programme routes", () => {
  const context = { cspNonce: "test", clientIp: "10.7.0.1" };
  async function post(url: string, userId: string, fields: Record<string, string>) {
    const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.7.0.1" }));
    return new Request(`http://localhost${url}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    });
  }
  type Reply = { data: { error?: Record<string, string[] | null> }; init: { status: number } };

  it("lists published calls with their remaining budget, hides drafts, and tells the viewer why their organisation is not eligible", async () => {
    const { programme, bureau } = await createOpenProgramme({
      budgetFen: 500_000,
      eligibleOrgTypes: ["VILLAGE_COMMITTEE"],
    });
    const draft = await createProgramme(bureau, programmeFields({ title: "未发布的草稿项目" }));
    const list = await programmesLoader({
      request: new Request("http://localhost/programmes"),
      params: {},
      context,
    });
    const listed = list.programmes.map((item) => [item.id, item.money.remainingFen]);
    expect(listed).toContainEqual([programme.id, 500_000]);
    // Every call's money is its own, though the list reads them all in two statements.
    const second = await createOpenProgramme({ budgetFen: 120_000 });
    const again = await programmesLoader({
      request: new Request("http://localhost/programmes"),
      params: {},
      context,
    });
    expect(again.programmes.length).toBeGreaterThanOrEqual(2);
    for (const item of again.programmes)
      expect([item.id, item.money.remainingFen]).toEqual([
        item.id,
        await balanceOf(programmeAccountId(item.id)),
      ]);
    expect(again.programmes.find((item) => item.id === second.programme.id)?.money).toMatchObject({
      budgetFen: 120_000,
      remainingFen: 120_000,
      committedFen: 0,
    });
    expect(listed.map(([id]) => id)).not.toContain(draft.id);

    const { head } = await createVillage();
    const cookie = await serializeSessionCookie(await createSession(head.id, { ip: "10.7.0.1" }));
    const page = await programmeLoader({
      request: new Request(`http://localhost/programmes/${programme.id}`, { headers: { cookie } }),
      params: { id: programme.id },
      context,
    });
    expect(page.eligibility).toEqual([expect.objectContaining({ verified: true, reasons: ["orgType"] })]);
  });

  it("applies through the form and redirects to the application page", async () => {
    const { programme } = await createOpenProgramme();
    const { organisation, head } = await createVillage();
    const fields = {
      organisationId: organisation.id,
      title: "香菇菌棒标准化生产",
      summary: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
      countyCode: "410324",
      industry: "PLANTING",
      requested: "400.00",
      "budget.EQUIPMENT": "300.00",
      "budget.TRAVEL": "100.00",
    };
    const response = (await applyAction({
      request: await post(`/programmes/${programme.id}/apply`, head.id, fields),
      params: { id: programme.id },
      context,
    })) as Response;
    const application = await db.programmeApplication.findFirstOrThrow({
      where: { programmeId: programme.id },
      select: { id: true, requestedFen: true },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/programmes/applications/${application.id}`);
    expect(application.requestedFen).toBe(40_000);
  });

  it("answers a conflicted score on the bureau form with the reason, and a missing declaration with a field error", async () => {
    const { programme } = await createOpenProgramme();
    const { application } = await createApplication(programme.id);
    const reviewer = await createBureau();
    const url = `/bureau/programmes/applications/${application.id}`;
    const undeclared = (await bureauApplicationAction({
      request: await post(url, reviewer.id, { intent: "review", score: "80" }),
      params: { id: application.id },
      context,
    })) as unknown as Reply;
    expect(undeclared.init.status).toBe(400);
    expect(undeclared.data.error?.noConflict).toEqual(["programmes.errors.declaration"]);

    const applicant = await db.programmeApplication.findUniqueOrThrow({
      where: { id: application.id },
      select: { applicantId: true },
    });
    await db.user.update({ where: { id: applicant.applicantId }, data: { primaryRole: "BUREAU" } });
    const conflicted = (await bureauApplicationAction({
      request: await post(url, applicant.applicantId, { intent: "review", score: "80", noConflict: "on" }),
      params: { id: application.id },
      context,
    })) as unknown as Reply;
    expect(conflicted.init.status).toBe(403);
    expect(conflicted.data.error?.[""]?.[0]).toContain("利益冲突");
  });
});
