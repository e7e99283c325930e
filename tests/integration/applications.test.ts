import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import {
  applyToNeed,
  decideApplication,
  withdrawApplication,
} from "~/modules/applications/applications.server";
import { createNeed } from "~/modules/needs/needs.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage, meta, needFields } from "../support/needs-factories";

useTestDatabase();

const proposal = (overrides: Record<string, string> = {}) =>
  ApplySchema.parse({
    intent: "apply",
    approach: "先到现场取样检测杂菌种类，再调整灭菌温度和接种室的消毒流程，并培训两名技术员。",
    timeline: "两周内到现场，一个月内完成",
    arrangement: "TECH_CONTRACT",
    price: "12000",
    ...overrides,
  });

async function openNeed() {
  const village = await createVillage();
  const { id } = await createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields(),
    photos: [],
    publish: true,
    meta,
  });
  return { ...village, needId: id };
}

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

describe("applying", () => {
  it("stores the proposal in fen and tells the cooperative", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    const application = await applyToNeed({
      actor: expert,
      needId,
      application: proposal({ price: "12000.50" }),
      meta,
    });
    expect(
      await db.application.findUniqueOrThrow({
        where: { id: application.id },
        select: { priceFen: true, status: true },
      }),
    ).toEqual({ priceFen: 1_200_050, status: "SUBMITTED" });
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: head.id, type: "application.received" },
      select: { payload: true },
    });
    expect(notice.payload).toMatchObject({
      params: { expert: expert.displayName },
      href: `/needs/${needId}/applications`,
    });
  });

  it("allows one application per expert per need", async () => {
    const { needId } = await openNeed();
    const expert = await createExpert();
    await applyToNeed({ actor: expert, needId, application: proposal(), meta });
    await rejects(
      applyToNeed({ actor: expert, needId, application: proposal(), meta }),
      "application.duplicate",
    );
    expect(await db.application.count({ where: { needId } })).toBe(1);
  });

  it("refuses unverified experts, arrangements the need does not accept, and needs that are not open", async () => {
    const { needId, organisation, head } = await openNeed();
    await rejects(
      applyToNeed({ actor: await createExpert({ verified: false }), needId, application: proposal(), meta }),
      "application.not_verified",
    );
    await rejects(
      applyToNeed({
        actor: await createExpert(),
        needId,
        application: proposal({ arrangement: "TECH_EQUITY" }),
        meta,
      }),
      "application.arrangement_not_accepted",
    );
    const draft = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: false,
      meta,
    });
    await rejects(
      applyToNeed({ actor: await createExpert(), needId: draft.id, application: proposal(), meta }),
      "application.need_not_open",
    );
  });
});

describe("deciding", () => {
  it("accepts one application, starts the need and declines the rest with a note", async () => {
    const { needId, head } = await openNeed();
    const [first, second, third] = await Promise.all([createExpert(), createExpert(), createExpert()]);
    const a = await applyToNeed({ actor: first, needId, application: proposal(), meta });
    const b = await applyToNeed({ actor: second, needId, application: proposal(), meta });
    await applyToNeed({ actor: third, needId, application: proposal(), meta });
    await decideApplication({ actor: head, applicationId: b.id, decision: "SHORTLISTED", meta });
    await decideApplication({
      actor: head,
      applicationId: a.id,
      decision: "ACCEPTED",
      message: "请下周一来合作社",
      meta,
    });

    expect(
      (await db.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true } })).status,
    ).toBe("IN_PROGRESS");
    const statuses = await db.application.findMany({
      where: { needId },
      select: { expertId: true, status: true, decisionMessage: true },
    });
    expect(statuses.find((s) => s.expertId === first.id)).toMatchObject({
      status: "ACCEPTED",
      decisionMessage: "请下周一来合作社",
    });
    expect(statuses.filter((s) => s.status === "DECLINED")).toHaveLength(2);
    const told = await db.notification.findMany({
      where: { userId: { in: [second.id, third.id] }, type: "application.declined" },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([second.id, third.id].sort());
  });

  it("lets only the need's managers decide", async () => {
    const { needId } = await openNeed();
    const expert = await createExpert();
    const application = await applyToNeed({ actor: expert, needId, application: proposal(), meta });
    const stranger = (await createVillage()).head;
    await rejects(
      decideApplication({ actor: stranger, applicationId: application.id, decision: "ACCEPTED", meta }),
      "application.forbidden",
    );
    await rejects(
      decideApplication({ actor: expert, applicationId: application.id, decision: "ACCEPTED", meta }),
      "application.forbidden",
    );
  });

  it("cannot accept a withdrawn application, and nobody withdraws an accepted one", async () => {
    const { needId, head } = await openNeed();
    const [quitter, chosen] = await Promise.all([createExpert(), createExpert()]);
    const gone = await applyToNeed({ actor: quitter, needId, application: proposal(), meta });
    await withdrawApplication({ actor: quitter, applicationId: gone.id, meta });
    await rejects(
      decideApplication({ actor: head, applicationId: gone.id, decision: "ACCEPTED", meta }),
      "application.invalid_transition",
    );
    const kept = await applyToNeed({ actor: chosen, needId, application: proposal(), meta });
    await decideApplication({ actor: head, applicationId: kept.id, decision: "ACCEPTED", meta });
    await rejects(
      withdrawApplication({ actor: chosen, applicationId: kept.id, meta }),
      "application.invalid_transition",
    );
    await rejects(
      withdrawApplication({ actor: quitter, applicationId: kept.id, meta }),
      "application.forbidden",
    );
  });

  it("accepts exactly one when two acceptances race", async () => {
    const { needId, head } = await openNeed();
    const experts = await Promise.all([createExpert(), createExpert()]);
    const applications = await Promise.all(
      experts.map((expert) => applyToNeed({ actor: expert, needId, application: proposal(), meta })),
    );
    const results = await Promise.allSettled(
      applications.map((a) =>
        decideApplication({ actor: head, applicationId: a.id, decision: "ACCEPTED", meta }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.application.count({ where: { needId, status: "ACCEPTED" } })).toBe(1);
  });

  it("writes an audit row for every change", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    const application = await applyToNeed({ actor: expert, needId, application: proposal(), meta });
    await decideApplication({ actor: head, applicationId: application.id, decision: "SHORTLISTED", meta });
    await decideApplication({ actor: head, applicationId: application.id, decision: "DECLINED", meta });
    const actions = await db.auditLog.findMany({
      where: { subjectId: application.id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "application.submitted",
      "application.shortlisted",
      "application.declined",
    ]);
  });
});
