import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { DAY, HOUR } from "./demo-timeline";

/**
 * Invitations and counter-offers in the demo: the cooperative invites the demo expert to one of
 * its open needs, and on another the expert's application went back and forth — the original
 * (revision 0), the cooperative's lower offer the expert declined, and the expert's middle price
 * now waiting for the cooperative's answer. Each step is dated after the need it answers was
 * published (the newest need is at least three days old, as the seed publishes them) and never
 * after `now`.
 * Call after the cooperative's needs and the expert's profile exist, inside the seed transaction.
 */
export async function seedNegotiationDemo(
  tx: Tx,
  ids: { coopOrganisationId: string; villageHeadId: string; expertId: string },
  now: Date,
) {
  const needs = await tx.need.findMany({
    where: { organisationId: ids.coopOrganisationId, status: "OPEN" },
    select: { id: true, arrangements: true, publishedAt: true },
    orderBy: { publishedAt: "desc" },
    take: 2,
  });
  const [negotiated, invitedTo] = needs;
  if (!negotiated || !invitedTo) return;

  const invitation = await tx.needInvitation.create({
    data: {
      needId: invitedTo.id,
      expertId: ids.expertId,
      invitedById: ids.villageHeadId,
      message: "老师您好，我们合作社看了您的介绍，想请您来指导一下，方便的话请申请。",
      createdAt: within(invitedTo.publishedAt!, 1 * DAY, now),
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "NeedInvitation",
    subjectId: invitation.id,
  });

  const arrangement = negotiated.arrangements[0] ?? "TECH_CONTRACT";
  // The expert applied six hours after the need went up; each counter-offer took a day (less
  // when the need is younger).
  const sent = within(negotiated.publishedAt!, 6 * HOUR, new Date(now.getTime() - 2 * DAY));
  const step = Math.min(DAY, (now.getTime() - sent.getTime()) / 2);
  const later = (steps: number) => new Date(sent.getTime() + steps * step);
  const original = {
    approach:
      "先到合作社菌棒厂房现场取样，查清杂菌种类和污染环节；再调整灭菌温度、时间和接种室消毒流程，培训两名技术员按新流程操作，跟踪一个出菇周期。",
    timeline: "一周内到现场，一个月内完成整改和培训",
    arrangement,
    priceFen: 1_200_000,
  };
  // The application carries the terms currently agreed: the original, since no offer was accepted yet.
  const application = await tx.application.create({
    data: { needId: negotiated.id, expertId: ids.expertId, ...original, createdAt: sent },
    select: { id: true },
  });
  await tx.applicationRevision.createMany({
    data: [
      {
        applicationId: application.id,
        number: 0,
        side: "APPLICANT",
        authorId: ids.expertId,
        ...original,
        status: "ACCEPTED",
        createdAt: sent,
      },
      {
        applicationId: application.id,
        number: 1,
        side: "POSTER",
        authorId: ids.villageHeadId,
        ...original,
        priceFen: 800_000,
        note: "合作社今年资金紧张，培训能否只安排一次？",
        status: "DECLINED",
        respondedById: ids.expertId,
        respondedAt: later(2),
        createdAt: later(1),
      },
      {
        applicationId: application.id,
        number: 2,
        side: "APPLICANT",
        authorId: ids.expertId,
        ...original,
        timeline: "一周内到现场，五周内完成整改，培训一次并留操作手册",
        priceFen: 1_000_000,
        note: "培训改为一次，另外留一份图文操作手册，价格可以降到一万元。",
        status: "PROPOSED",
        createdAt: later(2),
      },
    ],
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "Application",
    subjectId: application.id,
  });
}

/** `after` past `from`, but no later than `latest` (and never before `from`). */
function within(from: Date, after: number, latest: Date): Date {
  return new Date(Math.max(from.getTime(), Math.min(from.getTime() + after, latest.getTime())));
}
