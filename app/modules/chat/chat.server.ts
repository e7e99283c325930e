import { db, type Tx } from "~/db.server";
import type { ConversationKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { joinConversationRoom } from "~/modules/realtime/bus.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";

/** Who may be in a conversation, by its kind; computed from the records it belongs to. */
async function participantIds(
  client: Tx,
  conversation: {
    kind: ConversationKind;
    applicationId: string | null;
    agreementId?: string | null;
    directKey: string | null;
  },
): Promise<string[]> {
  if (conversation.kind === "DIRECT") return conversation.directKey?.split(":") ?? [];
  if (conversation.kind === "AGREEMENT" && conversation.agreementId) {
    // Every party: the two people who act for the sides and the members of both organisations.
    const agreement = await client.agreement.findUnique({
      where: { id: conversation.agreementId },
      select: { payerUserId: true, payeeUserId: true, payerOrganisationId: true, payeeOrganisationId: true },
    });
    if (!agreement) return [];
    const organisations = [agreement.payerOrganisationId, agreement.payeeOrganisationId].filter(
      (id): id is string => Boolean(id),
    );
    const members = organisations.length
      ? await client.membership.findMany({
          where: { organisationId: { in: organisations } },
          select: { userId: true },
        })
      : [];
    return [
      ...new Set([agreement.payerUserId, agreement.payeeUserId, ...members.map((member) => member.userId)]),
    ];
  }
  if (conversation.kind === "APPLICATION" && conversation.applicationId) {
    const application = await client.application.findUnique({
      where: { id: conversation.applicationId },
      select: { expertId: true, need: { select: { postedById: true, organisationId: true } } },
    });
    if (!application) return [];
    const members = application.need.organisationId
      ? await client.membership.findMany({
          where: { organisationId: application.need.organisationId },
          select: { userId: true },
        })
      : [];
    return [
      ...new Set([
        application.expertId,
        application.need.postedById,
        ...members.map((member) => member.userId),
      ]),
    ];
  }
  return [];
}

async function addMembers(client: Tx, conversationId: string, userIds: readonly string[]) {
  await client.conversationMember.createMany({
    data: userIds.map((userId) => ({ conversationId, userId })),
    skipDuplicates: true,
  });
  for (const userId of userIds) joinConversationRoom(userId, conversationId);
}

/**
 * The conversation of an application (the need's poster and organisation ↔ the applicant),
 * created on first use. Only its participants may open it.
 */
export async function openApplicationConversation(
  actor: Actor,
  applicationId: string,
): Promise<{ id: string }> {
  const existing = await db.conversation.findUnique({ where: { applicationId }, select: { id: true } });
  if (existing) {
    await requireParticipant(actor.id, existing.id);
    return existing;
  }
  const participants = await participantIds(db, { kind: "APPLICATION", applicationId, directKey: null });
  if (participants.length === 0) throw new DomainError("chat.not_found");
  if (!participants.includes(actor.id)) throw new DomainError("chat.not_participant");
  return db.$transaction(async (tx) => {
    // Two people opening it at once: the unique applicationId lets one create and the other reuse.
    const conversation = await tx.conversation.upsert({
      where: { applicationId },
      create: { kind: "APPLICATION", applicationId },
      update: {},
      select: { id: true },
    });
    await addMembers(tx, conversation.id, participants);
    return conversation;
  });
}

/** The conversation of an agreement, for all its parties; created on first use. */
export async function openAgreementConversation(actor: Actor, agreementId: string): Promise<{ id: string }> {
  const existing = await db.conversation.findUnique({ where: { agreementId }, select: { id: true } });
  if (existing) {
    await requireParticipant(actor.id, existing.id);
    return existing;
  }
  const participants = await participantIds(db, {
    kind: "AGREEMENT",
    applicationId: null,
    agreementId,
    directKey: null,
  });
  if (participants.length === 0) throw new DomainError("chat.not_found");
  if (!participants.includes(actor.id)) throw new DomainError("chat.not_participant");
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.upsert({
      where: { agreementId },
      create: { kind: "AGREEMENT", agreementId },
      update: {},
      select: { id: true },
    });
    await addMembers(tx, conversation.id, participants);
    return conversation;
  });
}

export function directKey(a: string, b: string): string {
  return [a, b].sort().join(":");
}

/** Whether a "send a message" button makes sense: two different, verified people. */
export async function canMessageDirectly(
  viewerId: string | null | undefined,
  otherUserId: string,
): Promise<boolean> {
  if (!viewerId || viewerId === otherUserId) return false;
  const verified = await db.user.count({
    where: { id: { in: [viewerId, otherUserId] }, verifiedAt: { not: null } },
  });
  return verified === 2;
}

/** Direct messages between two verified people; one conversation per pair. */
export async function openDirectConversation(actor: Actor, otherUserId: string): Promise<{ id: string }> {
  if (otherUserId === actor.id) throw new DomainError("chat.self");
  const people = await db.user.findMany({
    where: { id: { in: [actor.id, otherUserId] } },
    select: { id: true, verifiedAt: true },
  });
  const me = people.find((person) => person.id === actor.id);
  const other = people.find((person) => person.id === otherUserId);
  if (!other) throw new DomainError("chat.not_found");
  if (!me?.verifiedAt) throw new DomainError("chat.unverified_self");
  if (!other.verifiedAt) throw new DomainError("chat.unverified_other");
  const key = directKey(actor.id, otherUserId);
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.upsert({
      where: { directKey: key },
      create: { kind: "DIRECT", directKey: key },
      update: {},
      select: { id: true },
    });
    await addMembers(tx, conversation.id, [actor.id, otherUserId]);
    return conversation;
  });
}

/**
 * Checks that the user takes part in the conversation and returns it. Someone who became a
 * participant after it was created (a new member of the cooperative) is added on the way.
 * A refusal is written to the audit log: trying another conversation's id is worth knowing about.
 */
export async function requireParticipant(userId: string, conversationId: string, meta: RequestMeta = {}) {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      kind: true,
      applicationId: true,
      agreementId: true,
      directKey: true,
      lastSeq: true,
      members: { where: { userId }, select: { userId: true } },
    },
  });
  if (!conversation) throw new DomainError("chat.not_found");
  if (conversation.members.length > 0) return conversation;
  const participants = await participantIds(db, conversation);
  if (!participants.includes(userId)) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: userId,
        action: "chat.join_refused",
        subjectType: "Conversation",
        subjectId: conversationId,
        ip: meta.ip,
      }),
    );
    throw new DomainError("chat.not_participant");
  }
  await addMembers(db, conversationId, [userId]);
  return conversation;
}

// Messages, receipts and conversation lists live in their own files; routes, the socket server and
// the API import all of chat from here.
export { attachmentUrl } from "./message-view";
export type { NewMessage } from "./message-writer.server";
export { sendMessage, postMessage, listMessages, messagesAfter } from "./messages.server";
export { countUnread, markRead, markDelivered, flushDelivered, getReceipts } from "./receipts.server";
export {
  conversationIdsOf,
  listConversations,
  getConversationHeader,
  isConversationAttachment,
} from "./conversation-list.server";
