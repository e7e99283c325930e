import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { createAgreementFromApplication } from "~/modules/agreements/agreements.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { applyToNeed } from "~/modules/applications/applications.server";
import { balanceOf, checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import { createNeed, publishNeed } from "~/modules/needs/needs.server";
import { banEndsAt, findActiveBan } from "~/modules/sanctions/bans.server";
import { ban, clawBack, collectOwed, lift, liftBan, suspend } from "~/modules/sanctions/sanctions.server";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { createAcceptedApplication } from "../support/agreements-factories";
import { createOrganisation } from "../support/factories";
import { useTestDatabase } from "../support/database";
import {
  actorOf,
  createBureau,
  createExpert,
  createVillage,
  meta,
  needFields,
} from "../support/needs-factories";
import { createDisbursedApplication, deposit } from "../support/sanctions-factories";

useTestDatabase();

async function rejects(promise: Promise<unknown>, code: string, params?: Record<string, unknown>) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (params) expect((error as DomainError).params).toEqual(params);
}

async function expectClean() {
  expect(await checkLedgerInvariants()).toEqual({
    sumOfBalances: 0,
    drifted: [],
    unbalanced: [],
    negative: [],
  });
}

describe("claw-back (追缴)", () => {
  it("takes what the wallet holds, records the rest as a debt, and collects it from the next money in", async () => {
    const { bureau, head, application, wallet, programmeAccount, organisation } =
      await createDisbursedApplication({ disbursedFen: 30_000, spentFen: 20_000 });
    const programmeBefore = await balanceOf(programmeAccount);
    const sanction = await clawBack(
      bureau,
      application.id,
      { amountFen: 30_000, reason: "挪用专项资金" },
      meta,
    );
    expect(sanction).toMatchObject({ amountFen: 30_000, recoveredFen: 10_000, owedFen: 20_000 });
    expect(await balanceOf(wallet)).toBe(0);
    expect(await balanceOf(programmeAccount)).toBe(programmeBefore + 10_000);
    const transfer = await db.ledgerTransfer.findFirstOrThrow({
      where: { reason: "CLAWBACK" },
      select: { fromAccountId: true, toAccountId: true, amountFen: true, programmeApplicationId: true },
    });
    expect(transfer).toEqual({
      fromAccountId: wallet,
      toAccountId: programmeAccount,
      amountFen: 10_000,
      programmeApplicationId: application.id,
    });
    await expectClean();
    expect(
      await db.auditLog.count({ where: { action: "sanction.clawback", subjectId: application.id } }),
    ).toBe(1);
    expect(await db.notification.count({ where: { userId: head.id, type: "sanction.clawback" } })).toBe(1);

    await rejects(collectOwed(bureau, sanction.id), "sanction.wallet_empty");
    // Money arriving pays the debt first, by itself; the sanction follows its debt.
    await deposit(organisation.id, 5_000);
    expect(await balanceOf(wallet)).toBe(0);
    expect(
      await db.sanction.findUniqueOrThrow({
        where: { id: sanction.id },
        select: { owedFen: true, recoveredFen: true },
      }),
    ).toEqual({ owedFen: 15_000, recoveredFen: 15_000 });
    await deposit(organisation.id, 50_000);
    expect(
      await db.sanction.findUniqueOrThrow({
        where: { id: sanction.id },
        select: { owedFen: true, recoveredFen: true },
      }),
    ).toEqual({ owedFen: 0, recoveredFen: 30_000 });
    expect(await balanceOf(wallet)).toBe(35_000);
    expect(await balanceOf(programmeAccount)).toBe(programmeBefore + 30_000);
    await rejects(collectOwed(bureau, sanction.id), "sanction.nothing_owed");
    await expectClean();
  });

  it("refuses more than was disbursed less what earlier claw-backs demanded", async () => {
    const { bureau, application, wallet } = await createDisbursedApplication({ disbursedFen: 30_000 });
    await rejects(
      clawBack(bureau, application.id, { amountFen: 30_001, reason: "虚报" }),
      "sanction.clawback_exceeds",
      { max: "¥300" },
    );
    await clawBack(bureau, application.id, { amountFen: 20_000, reason: "虚报" });
    await rejects(
      clawBack(bureau, application.id, { amountFen: 10_001, reason: "虚报" }),
      "sanction.clawback_exceeds",
      { max: "¥100" },
    );
    // Nothing half-written by the refusals: one sanction, one transfer.
    expect(await db.sanction.count({ where: { programmeApplicationId: application.id } })).toBe(1);
    expect(await balanceOf(wallet)).toBe(10_000);
    await expectClean();
  });

  it("refuses an application that was never approved, and anyone but the bureau", async () => {
    const { bureau, head, application } = await createDisbursedApplication({ status: "SUBMITTED" });
    await rejects(
      clawBack(bureau, application.id, { amountFen: 1, reason: "虚报" }),
      "sanction.not_approved",
    );
    await rejects(suspend(bureau, application.id, "擅自变更项目"), "sanction.not_approved");
    const paid = await createDisbursedApplication();
    await rejects(suspend(head, paid.application.id, "擅自变更项目"), "sanction.forbidden");
  });
});

describe("suspension (停拨)", () => {
  it("records a sanction and sets suspendedAt; lifting clears it", async () => {
    const { bureau, head, application } = await createDisbursedApplication({ status: "APPROVED" });
    const { id } = await suspend(bureau, application.id, "未经批准擅自变更项目", meta);
    expect(
      await db.programmeApplication.findUniqueOrThrow({
        where: { id: application.id },
        select: { suspendedAt: true, suspensionReason: true },
      }),
    ).toMatchObject({
      suspendedAt: expect.any(Date),
      suspensionReason: "未经批准擅自变更项目",
    });
    expect(
      await db.sanction.findUniqueOrThrow({
        where: { id },
        select: { kind: true, programmeApplicationId: true },
      }),
    ).toEqual({ kind: "SUSPENSION", programmeApplicationId: application.id });
    expect(await db.notification.count({ where: { userId: head.id, type: "sanction.suspended" } })).toBe(1);
    await rejects(suspend(bureau, application.id, "再次暂停"), "sanction.already_suspended");
    await rejects(liftBan(bureau, id, "整改完成"), "sanction.not_liftable");

    await lift(bureau, id, "整改完成", meta);
    expect(
      await db.programmeApplication.findUniqueOrThrow({
        where: { id: application.id },
        select: { suspendedAt: true, suspensionReason: true },
      }),
    ).toEqual({ suspendedAt: null, suspensionReason: null });
    expect(
      await db.sanction.findUniqueOrThrow({
        where: { id },
        select: { liftedAt: true, liftedById: true, liftReason: true },
      }),
    ).toMatchObject({ liftedById: bureau.id, liftReason: "整改完成" });
    await rejects(lift(bureau, id, "整改完成"), "sanction.not_active");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "sanction.lifted", subjectId: id },
      select: { before: true, after: true },
    });
    expect(audit.before).toMatchObject({ kind: "SUSPENSION", liftedAt: null });
  });
});

describe("the 3-year ban (3年内不得承担)", () => {
  const DAY_ONE = new Date("2027-03-01T02:00:00Z");
  const ALMOST_THREE_YEARS = new Date("2030-02-28T02:00:00Z");
  const THREE_YEARS_AND_A_DAY = new Date("2030-03-02T02:00:00Z");
  const until = luoyangToday(banEndsAt(DAY_ONE));

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Only Date is faked, so the database driver's timers keep working. */
  function setClock(at: Date) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at);
  }

  it("needs at least one subject and ends three years after it starts", async () => {
    setClock(DAY_ONE);
    const bureau = await createBureau();
    await rejects(ban(bureau, { reason: "挪用专项资金" }), "sanction.no_subject");
    const { organisation } = await createVillage();
    const { endsAt } = await ban(bureau, { organisationId: organisation.id, reason: "挪用专项资金" });
    expect(endsAt.toISOString()).toBe("2030-03-01T02:00:00.000Z");
  });

  it("refuses a banned cooperative opening a need until the ban ends by itself", async () => {
    setClock(DAY_ONE);
    const bureau = await createBureau();
    const { organisation, head } = await createVillage();
    await ban(bureau, { organisationId: organisation.id, reason: "挪用专项资金" });
    const { id: needId, published } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: false,
      meta,
    });
    expect(published).toBe(false);
    await rejects(publishNeed({ actor: head, needId, meta }), "sanction.banned", {
      reason: "挪用专项资金",
      until,
    });
    setClock(ALMOST_THREE_YEARS);
    await rejects(publishNeed({ actor: head, needId, meta }), "sanction.banned", {
      reason: "挪用专项资金",
      until,
    });
    setClock(THREE_YEARS_AND_A_DAY);
    await publishNeed({ actor: head, needId, meta });
    expect(
      (await db.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true } })).status,
    ).toBe("OPEN");
  });

  it("refuses an expert of a banned institution applying to a need until the ban ends", async () => {
    setClock(DAY_ONE);
    const bureau = await createBureau();
    const institution = await createOrganisation("RESEARCH_INSTITUTE");
    const { id: expertId } = await createExpert();
    await db.membership.create({
      data: { userId: expertId, organisationId: institution.id, role: "EXPERT" },
    });
    const expert = await actorOf(expertId);
    const village = await createVillage();
    const { id: needId } = await createNeed({
      actor: village.head,
      organisationId: village.organisation.id,
      fields: needFields(),
      photos: [],
      publish: true,
      meta,
    });
    await ban(bureau, { organisationId: institution.id, reason: "截留专项资金" });
    const application = ApplySchema.parse({
      intent: "apply",
      approach: "先到现场取样检测杂菌种类，再调整灭菌温度和接种室的消毒流程。",
      timeline: "两周内到现场",
      arrangement: "TECH_CONTRACT",
      price: "12000",
    });
    await rejects(applyToNeed({ actor: expert, needId, application, meta }), "sanction.banned", {
      reason: "截留专项资金",
      until,
    });
    setClock(ALMOST_THREE_YEARS);
    await rejects(applyToNeed({ actor: expert, needId, application, meta }), "sanction.banned", {
      reason: "截留专项资金",
      until,
    });
    setClock(THREE_YEARS_AND_A_DAY);
    await applyToNeed({ actor: expert, needId, application, meta });
    expect(await db.application.count({ where: { needId, expertId } })).toBe(1);
  });

  it("refuses a banned institution becoming the provider in a new agreement until the ban ends", async () => {
    setClock(DAY_ONE);
    const bureau = await createBureau();
    const institution = await createOrganisation("RESEARCH_INSTITUTE");
    const { payer, payee, application } = await createAcceptedApplication();
    await db.expertProfile.create({ data: { userId: payee.id, affiliationId: institution.id } });
    await ban(bureau, { organisationId: institution.id, reason: "挤占专项资金" });
    await rejects(createAgreementFromApplication(payer, application.id), "sanction.banned", {
      reason: "挤占专项资金",
      until,
    });
    setClock(ALMOST_THREE_YEARS);
    await rejects(createAgreementFromApplication(payer, application.id), "sanction.banned", {
      reason: "挤占专项资金",
      until,
    });
    setClock(THREE_YEARS_AND_A_DAY);
    expect(await createAgreementFromApplication(payer, application.id)).toMatchObject({ created: true });
  });

  it("stops at once when lifted, and tells the banned person", async () => {
    setClock(DAY_ONE);
    const bureau = await createBureau();
    const { organisation, head } = await createVillage();
    const { id } = await ban(bureau, {
      organisationId: organisation.id,
      userId: head.id,
      reason: "挪用专项资金",
    });
    expect(await db.notification.count({ where: { userId: head.id, type: "sanction.banned" } })).toBe(1);
    expect(await findActiveBan({ userId: head.id })).toMatchObject({ id });
    await liftBan(bureau, id, "经复核撤销", meta);
    expect(await findActiveBan({ userId: head.id, organisationIds: [organisation.id] })).toBeNull();
    const { published } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: true,
      meta,
    });
    expect(published).toBe(true);
    expect(await db.notification.count({ where: { userId: head.id, type: "sanction.ban_lifted" } })).toBe(1);
    await rejects(liftBan(bureau, id, "再次撤销"), "sanction.not_active");
  });
});
