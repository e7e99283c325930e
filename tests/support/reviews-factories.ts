import { db } from "~/db.server";
import type { ReviewInput } from "~/modules/reviews/reviews.schema";
import { createActiveAgreement } from "./escrow-factories";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A COMPLETED agreement between a cooperative (its head pays) and an expert, completed
 * `daysAgo` days before `now` — marked so directly, as escrow leaves it once every milestone is paid.
 */
export async function createCompletedAgreement({
  daysAgo = 1,
  now = new Date(),
}: { daysAgo?: number; now?: Date } = {}) {
  const made = await createActiveAgreement({ amounts: [10_000] });
  const completedAt = new Date(now.getTime() - daysAgo * DAY_MS);
  await db.agreement.update({
    where: { id: made.agreement.id },
    data: { status: "COMPLETED", completedAt },
    select: { id: true },
  });
  return { ...made, completedAt };
}

export function payerReview(overrides: Partial<ReviewInput> = {}): ReviewInput {
  return {
    scores: { expertise: 5, communication: 4, timeliness: 4, results: 5 },
    rating: 5,
    text: "专家多次到棚里指导，菌棒污染率明显下降，讲解清楚。",
    ...overrides,
  } as ReviewInput;
}

export function payeeReview(overrides: Partial<ReviewInput> = {}): ReviewInput {
  return {
    scores: { clarity: 4, cooperation: 5, payment: 5, communication: 4 },
    rating: 4,
    text: "合作社配合积极，托管付款及时，需求说明可以更具体。",
    ...overrides,
  } as ReviewInput;
}

let numberSeq = 0;

/** An agreement between a payer (a cooperative's head) and an expert, in the given state; rows inserted directly. */
export async function agreementBetween(
  payer: { organisationId: string | null; headId: string },
  payeeId: string,
  status: "ACTIVE" | "COMPLETED",
  completedAt: Date | null = null,
) {
  numberSeq += 1;
  return db.agreement.create({
    data: {
      number: `XK-REP-${Date.now()}-${numberSeq}`,
      title: "苹果矮化密植技术承包",
      status,
      payerOrganisationId: payer.organisationId,
      payerUserId: payer.headId,
      payeeUserId: payeeId,
      createdById: payer.headId,
      activatedAt: new Date("2026-02-01T00:00:00+08:00"),
      completedAt,
    },
    select: { id: true },
  });
}

/** A milestone with the dates that matter to reputation; submissions at the given instants. */
export async function milestoneOf(
  agreementId: string,
  position: number,
  data: {
    status: "FUNDED" | "RELEASED" | "RESOLVED";
    dueDate?: Date | null;
    fundedAt?: Date | null;
    submittedAt?: Date[];
    submittedById: string;
  },
) {
  const milestone = await db.milestone.create({
    data: {
      agreementId,
      position,
      title: `第 ${position} 阶段`,
      deliverables: "现场指导记录",
      acceptanceCriteria: "合作社确认",
      amountFen: 50_000,
      status: data.status,
      dueDate: data.dueDate ?? null,
      fundedAt: data.fundedAt ?? null,
    },
    select: { id: true },
  });
  for (const createdAt of data.submittedAt ?? []) {
    await db.milestoneSubmission.create({
      data: {
        milestoneId: milestone.id,
        note: "已完成本阶段工作",
        submittedById: data.submittedById,
        createdAt,
      },
      select: { id: true },
    });
  }
  return milestone;
}

/** A review row as the service leaves it, for reputation fixtures. */
export async function reviewRow(
  agreementId: string,
  data: {
    authorSide: "PAYER" | "PAYEE";
    authorId: string;
    subjectUserId?: string;
    subjectOrganisationId?: string;
    rating: number;
    publishedAt: Date | null;
    hiddenAt?: Date | null;
  },
) {
  return db.review.create({
    data: {
      agreementId,
      scores: {},
      text: "合作顺利，成效明显，值得推荐。",
      subjectUserId: data.subjectUserId ?? null,
      subjectOrganisationId: data.subjectOrganisationId ?? null,
      authorSide: data.authorSide,
      authorId: data.authorId,
      rating: data.rating,
      publishedAt: data.publishedAt,
      hiddenAt: data.hiddenAt ?? null,
    },
    select: { id: true },
  });
}

let messageSeq = 0;

/** A conversation between the given members with messages [senderId, at] in order. */
export async function conversationWith(
  kind: "DIRECT" | "APPLICATION",
  memberIds: string[],
  messages: [string, Date][],
  applicationId?: string,
) {
  const conversation = await db.conversation.create({
    data: {
      kind,
      applicationId: applicationId ?? null,
      directKey: kind === "DIRECT" ? `${[...memberIds].sort().join(":")}:${messageSeq}` : null,
      lastSeq: messages.length,
      members: { create: memberIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  let seq = 0;
  for (const [senderId, createdAt] of messages) {
    seq += 1;
    messageSeq += 1;
    await db.message.create({
      data: {
        id: `msg-${messageSeq}-${conversation.id}`,
        conversationId: conversation.id,
        seq,
        senderId,
        clientId: `c-${messageSeq}-${conversation.id}`,
        body: "好的",
        createdAt,
      },
      select: { id: true },
    });
  }
  return conversation;
}
