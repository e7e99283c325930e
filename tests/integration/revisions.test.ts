import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { decideApplication, withdrawApplication } from "~/modules/applications/applications.server";
import { createAgreementFromApplication } from "~/modules/agreements/agreements.server";
import { seedNegotiationDemo } from "~/modules/demo/seed-negotiation.server";
import { proposeRevision, respondToRevision } from "~/modules/negotiation/revisions.server";
import { createNeed, updateNeed } from "~/modules/needs/needs.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import {
  action as revisionsAction,
  loader as revisionsLoader,
} from "~/routes/needs/applications.$id.revisions";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { addMember, createExpert, meta, needFields } from "../support/needs-factories";
import { applicationOnOpenNeed, counterOffer, openNeed } from "../support/negotiation-factories";

useTestDatabase();

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

const revisionsOf = (applicationId: string) =>
  db.applicationRevision.findMany({
    where: { applicationId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      side: true,
      status: true,
      priceFen: true,
      arrangement: true,
      authorId: true,
    },
  });

const termsOf = (applicationId: string) =>
  db.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { priceFen: true, arrangement: true, timeline: true, approach: true },
  });

describe("proposing a counter-offer", () => {
  it("keeps the original as revision 0 and tells the other side", async () => {
    const { applicationId, head, expert, needId } = await applicationOnOpenNeed();
    const revision = await proposeRevision(head, applicationId, counterOffer({ note: "预算有限" }), meta);
    expect(revision).toMatchObject({ number: 1, side: "POSTER", status: "PROPOSED" });
    expect(await revisionsOf(applicationId)).toMatchObject([
      {
        number: 0,
        side: "APPLICANT",
        status: "ACCEPTED",
        priceFen: 1_200_000,
        arrangement: "TECH_CONTRACT",
        authorId: expert.id,
      },
      {
        number: 1,
        side: "POSTER",
        status: "PROPOSED",
        priceFen: 900_000,
        arrangement: "PAID_SERVICE",
        authorId: head.id,
      },
    ]);
    // Proposing changes nothing on the application until the other side accepts.
    expect((await termsOf(applicationId)).priceFen).toBe(1_200_000);
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: expert.id, type: "revision.proposed" },
      select: { payload: true },
    });
    expect(notice.payload).toMatchObject({ href: `/needs/${needId}#revisions` });
    expect(
      await db.auditLog.count({
        where: { action: "application.revision_proposed", subjectId: applicationId },
      }),
    ).toBe(1);
  });

  it("supersedes an unanswered earlier proposal, from either side", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    await proposeRevision(head, applicationId, counterOffer({ price: "8000" }));
    await proposeRevision(expert, applicationId, counterOffer({ price: "10000" }));
    expect((await revisionsOf(applicationId)).map((r) => [r.number, r.side, r.status])).toEqual([
      [0, "APPLICANT", "ACCEPTED"],
      [1, "POSTER", "SUPERSEDED"],
      [2, "APPLICANT", "PROPOSED"],
    ]);
    expect(await db.notification.count({ where: { userId: head.id, type: "revision.proposed" } })).toBe(1);
  });

  it("refuses strangers, arrangements the need does not take and applications no longer being decided", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    await rejects(
      proposeRevision(await createExpert(), applicationId, counterOffer()),
      "negotiation.forbidden",
    );
    await rejects(
      proposeRevision(head, applicationId, counterOffer({ arrangement: "TECH_EQUITY" })),
      "negotiation.arrangement_not_accepted",
    );
    await withdrawApplication({ actor: expert, applicationId, meta });
    await rejects(proposeRevision(head, applicationId, counterOffer()), "negotiation.closed");
    expect(await db.applicationRevision.count({ where: { applicationId } })).toBe(0);
  });
});

describe("answering a counter-offer", () => {
  it("copies accepted terms onto the application, and they become the agreement's starting terms", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    const revision = await proposeRevision(
      head,
      applicationId,
      counterOffer({
        timeline: "三周内完成",
        approach: "只做现场诊断和两次回访，接种流程由合作社技术员按手册执行。",
      }),
    );
    await respondToRevision(expert, revision.id, "ACCEPTED", meta);
    expect(await termsOf(applicationId)).toEqual({
      priceFen: 900_000,
      arrangement: "PAID_SERVICE",
      timeline: "三周内完成",
      approach: "只做现场诊断和两次回访，接种流程由合作社技术员按手册执行。",
    });
    expect(await db.notification.count({ where: { userId: head.id, type: "revision.accepted" } })).toBe(1);

    await decideApplication({ actor: head, applicationId, decision: "ACCEPTED", meta });
    const { id } = await createAgreementFromApplication(head, applicationId);
    const version = await db.agreementVersion.findFirstOrThrow({
      where: { agreementId: id, version: 1 },
      select: { terms: true },
    });
    expect((version.terms as { components: unknown[] }).components[0]).toMatchObject({
      type: "PAID_SERVICE",
      feeFen: 900_000,
    });
  });

  it("keeps the application's terms when declined", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    const revision = await proposeRevision(
      expert,
      applicationId,
      counterOffer({ price: "15000", arrangement: "TECH_CONTRACT" }),
    );
    await respondToRevision(head, revision.id, "DECLINED");
    expect((await termsOf(applicationId)).priceFen).toBe(1_200_000);
    expect((await revisionsOf(applicationId))[1]).toMatchObject({ status: "DECLINED" });
    expect(await db.notification.count({ where: { userId: expert.id, type: "revision.declined" } })).toBe(1);
  });

  it("is for the other side only, once, and only the latest proposal", async () => {
    const { applicationId, head, expert, organisation } = await applicationOnOpenNeed();
    const first = await proposeRevision(head, applicationId, counterOffer());
    // Another manager of the same cooperative is the same side as the proposer.
    await rejects(
      respondToRevision(await addMember(organisation.id, "VILLAGE"), first.id, "ACCEPTED"),
      "negotiation.not_other_side",
    );
    await rejects(respondToRevision(head, first.id, "ACCEPTED"), "negotiation.not_other_side");
    await rejects(respondToRevision(await createExpert(), first.id, "ACCEPTED"), "negotiation.forbidden");
    const second = await proposeRevision(head, applicationId, counterOffer({ price: "9500" }));
    await rejects(respondToRevision(expert, first.id, "ACCEPTED"), "negotiation.revision_not_pending");
    await respondToRevision(expert, second.id, "ACCEPTED");
    await rejects(respondToRevision(expert, second.id, "DECLINED"), "negotiation.revision_not_pending");
    expect((await termsOf(applicationId)).priceFen).toBe(950_000);
  });

  it("refuses terms the need stopped taking since they were proposed", async () => {
    const { applicationId, head, expert, needId } = await applicationOnOpenNeed();
    const revision = await proposeRevision(
      head,
      applicationId,
      counterOffer({ arrangement: "PAID_SERVICE" }),
    );
    await updateNeed({
      actor: head,
      needId,
      fields: needFields({ arrangements: ["TECH_CONTRACT"] }),
      photos: [],
      removePhotoIds: [],
      publish: false,
      meta,
    });
    await rejects(respondToRevision(expert, revision.id, "ACCEPTED"), "negotiation.arrangement_not_accepted");
  });
});

describe("accepting an application during a negotiation", () => {
  it("is refused while a counter-offer waits for an answer, with a message for each side", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    const fromExpert = await proposeRevision(expert, applicationId, counterOffer());
    await rejects(
      decideApplication({ actor: head, applicationId, decision: "ACCEPTED", meta }),
      "negotiation.answer_counter_offer_first",
    );
    await respondToRevision(head, fromExpert.id, "DECLINED");
    await proposeRevision(head, applicationId, counterOffer());
    await rejects(
      decideApplication({ actor: head, applicationId, decision: "ACCEPTED", meta }),
      "negotiation.awaiting_counter_offer",
    );
    // Shortlisting is not accepting: negotiation can go on.
    await decideApplication({ actor: head, applicationId, decision: "SHORTLISTED", meta });
  });

  it("never accepts the application on terms other than the ones it ends up with when both race", async () => {
    const { applicationId, head, expert } = await applicationOnOpenNeed();
    const revision = await proposeRevision(head, applicationId, counterOffer({ price: "7000" }));
    const [answer, decision] = await Promise.allSettled([
      respondToRevision(expert, revision.id, "ACCEPTED"),
      decideApplication({ actor: head, applicationId, decision: "ACCEPTED", meta }),
    ]);
    expect(answer.status).toBe("fulfilled");
    if (decision.status === "rejected")
      expect((decision.reason as DomainError).code).toBe("negotiation.awaiting_counter_offer");
    expect((await termsOf(applicationId)).priceFen).toBe(700_000);
  });
});

describe("the counter-offer route", () => {
  const context = { cspNonce: "test", clientIp: "10.7.0.1" };
  async function request(userId: string, fields?: Record<string, string>, applicationId = "x") {
    const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.7.0.1" }));
    if (!fields)
      return new Request(`http://localhost/applications/${applicationId}/revisions`, { headers: { cookie } });
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return new Request(`http://localhost/applications/${applicationId}/revisions`, {
      method: "POST",
      body,
      headers: { cookie },
    });
  }

  it("proposes and answers, sending each side back where it came from", async () => {
    const { applicationId, head, expert, needId } = await applicationOnOpenNeed();
    const proposed = (await revisionsAction({
      request: await request(
        head.id,
        {
          intent: "propose",
          timeline: "三周内完成",
          arrangement: "PAID_SERVICE",
          price: "8,800",
          redirectTo: `/needs/${needId}/applications`,
        },
        applicationId,
      ),
      context,
      params: { id: applicationId },
    })) as Response;
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get("location")).toBe(`/needs/${needId}/applications`);
    const [, revision] = await revisionsOf(applicationId);
    expect(revision).toMatchObject({ priceFen: 880_000, status: "PROPOSED" });

    const answered = (await revisionsAction({
      request: await request(
        expert.id,
        {
          intent: "respond",
          revisionId: revision!.id,
          decision: "ACCEPTED",
          redirectTo: "https://evil.example/",
        },
        applicationId,
      ),
      context,
      params: { id: applicationId },
    })) as Response;
    expect(answered.status).toBe(302);
    // A foreign redirect target falls back to the thread page.
    expect(answered.headers.get("location")).toBe(`/applications/${applicationId}/revisions`);
    expect((await termsOf(applicationId)).priceFen).toBe(880_000);
  });

  it("answers 400 with field errors, and with the rule's status when refused", async () => {
    const { applicationId, head } = await applicationOnOpenNeed();
    const invalid = (await revisionsAction({
      request: await request(
        head.id,
        { intent: "propose", timeline: "三", arrangement: "PAID_SERVICE", price: "abc" },
        applicationId,
      ),
      context,
      params: { id: applicationId },
    })) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(invalid.init.status).toBe(400);
    expect(invalid.data.error).toMatchObject({
      timeline: ["applications.errors.timeline_length"],
      price: ["needs.errors.money"],
    });
    const refused = (await revisionsAction({
      request: await request(
        head.id,
        { intent: "propose", timeline: "三周内完成", arrangement: "TECH_EQUITY", price: "100" },
        applicationId,
      ),
      context,
      params: { id: applicationId },
    })) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.error.arrangement).toEqual(["请选择需求方接受的合作方式"]);
  });

  it("shows the thread to the two sides only", async () => {
    const { applicationId, head } = await applicationOnOpenNeed();
    const page = await revisionsLoader({
      request: await request(head.id, undefined, applicationId),
      context,
      params: { id: applicationId },
    });
    expect(page.thread).toMatchObject({ side: "POSTER", open: true, revisions: [] });
    const stranger = await createExpert();
    await expect(
      revisionsLoader({
        request: await request(stranger.id, undefined, applicationId),
        context,
        params: { id: applicationId },
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("the demo seed", () => {
  it("leaves one invitation and a three-revision negotiation the cooperative can answer", async () => {
    const first = await openNeed();
    await createNeedFor(first);
    const expert = await createExpert();
    await db.$transaction((tx) =>
      seedNegotiationDemo(
        tx,
        { coopOrganisationId: first.organisation.id, villageHeadId: first.head.id, expertId: expert.id },
        new Date(),
      ),
    );
    expect(await db.needInvitation.count({ where: { expertId: expert.id, status: "PENDING" } })).toBe(1);
    const application = await db.application.findFirstOrThrow({
      where: { expertId: expert.id },
      select: { id: true },
    });
    const revisions = await revisionsOf(application.id);
    expect(revisions.map((r) => [r.number, r.side, r.status])).toEqual([
      [0, "APPLICANT", "ACCEPTED"],
      [1, "POSTER", "DECLINED"],
      [2, "APPLICANT", "PROPOSED"],
    ]);
    await respondToRevision(first.head, revisions[2]!.id, "ACCEPTED");
    expect((await termsOf(application.id)).priceFen).toBe(1_000_000);
  });
});

/** A second open need of the same cooperative. */
async function createNeedFor({ head, organisation }: Awaited<ReturnType<typeof openNeed>>) {
  await createNeed({
    actor: head,
    organisationId: organisation.id,
    fields: needFields({ title: "核桃青皮脱皮机选型" }),
    photos: [],
    publish: true,
    meta,
  });
}
