import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";

/** Conversation ids the user is in: the rooms their sockets join on connecting. */
export async function conversationIdsOf(userId: string): Promise<string[]> {
  const rows = await db.conversationMember.findMany({ where: { userId }, select: { conversationId: true } });
  return rows.map((row) => row.conversationId);
}

/** The user's conversations, most recent first, each with what it is about and its unread count. */
export async function listConversations(userId: string) {
  const members = await db.conversationMember.findMany({
    where: { userId },
    select: {
      lastReadSeq: true,
      conversation: {
        select: {
          id: true,
          kind: true,
          directKey: true,
          lastSeq: true,
          lastMessageAt: true,
          createdAt: true,
          application: {
            select: {
              id: true,
              need: { select: { id: true, title: true, organisation: { select: { name: true } } } },
              expert: { select: { id: true, displayName: true } },
            },
          },
          agreement: { select: { id: true, title: true } },
          messages: {
            orderBy: { seq: "desc" },
            take: 1,
            select: {
              body: true,
              senderId: true,
              attachmentId: true,
              attachment: { select: { mimeType: true } },
              createdAt: true,
            },
          },
        },
      },
    },
  });
  const otherIds = members.flatMap(
    (member) => member.conversation.directKey?.split(":").filter((id) => id !== userId) ?? [],
  );
  const others = new Map(
    (
      await db.user.findMany({ where: { id: { in: otherIds } }, select: { id: true, displayName: true } })
    ).map((user) => [user.id, user.displayName]),
  );
  const unread = await db.$queryRaw<{ conversationId: string; count: bigint }[]>`
    SELECT member."conversationId", count(message.id) AS count
    FROM "ConversationMember" member
    JOIN "Message" message ON message."conversationId" = member."conversationId" AND message.seq > member."lastReadSeq" AND message."senderId" <> ${userId}
    WHERE member."userId" = ${userId}
    GROUP BY member."conversationId"`;
  const unreadById = new Map(unread.map((row) => [row.conversationId, Number(row.count)]));
  return members
    .map(({ conversation }) => ({
      id: conversation.id,
      kind: conversation.kind,
      needTitle: conversation.application?.need.title ?? null,
      agreementTitle: conversation.agreement?.title ?? null,
      applicantName: conversation.application?.expert.displayName ?? null,
      // The other side: the expert for the need's village, the village for the expert.
      counterpartName: conversation.application
        ? conversation.application.expert.id === userId
          ? (conversation.application.need.organisation?.name ?? null)
          : conversation.application.expert.displayName
        : null,
      otherName: conversation.directKey
        ? (others.get(conversation.directKey.split(":").find((id) => id !== userId) ?? "") ?? null)
        : null,
      lastMessage: conversation.messages[0] ?? null,
      lastActivity: (conversation.lastMessageAt ?? conversation.createdAt).toISOString(),
      unread: unreadById.get(conversation.id) ?? 0,
    }))
    .sort((a, b) => b.lastActivity.localeCompare(a.lastActivity));
}

/** What a conversation page shows above the messages. */
export async function getConversationHeader(conversationId: string, viewerId: string) {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      kind: true,
      directKey: true,
      lastSeq: true,
      application: {
        select: {
          id: true,
          status: true,
          need: { select: { id: true, title: true, postedById: true } },
          expert: { select: { id: true, displayName: true } },
        },
      },
      agreement: { select: { id: true, title: true, number: true } },
      messages: { distinct: ["senderId"], select: { senderId: true } },
      members: {
        select: {
          userId: true,
          lastReadSeq: true,
          lastDeliveredSeq: true,
          user: { select: { displayName: true, verifiedAt: true } },
        },
      },
    },
  });
  if (!conversation) throw new DomainError("chat.not_found");
  // Who takes part: whoever has written, and the two sides an application or a direct message
  // names; a colleague who can read along but never wrote is not listed as a participant.
  const taking = new Set([
    ...conversation.messages.map((message) => message.senderId),
    ...(conversation.directKey?.split(":") ?? []),
    ...(conversation.application
      ? [conversation.application.expert.id, conversation.application.need.postedById]
      : []),
  ]);
  const members = conversation.members.filter((member) => member.userId !== viewerId);
  const named = members.filter((member) => taking.has(member.userId));
  const others = named.length > 0 ? named : members;
  const me = conversation.members.find((member) => member.userId === viewerId);
  const { messages: _writers, ...rest } = conversation;
  return { ...rest, others, myReadSeq: me?.lastReadSeq ?? 0 };
}

/** Whether an uploaded file is attached to a message of this conversation (for serving it). */
export async function isConversationAttachment(conversationId: string, uploadId: string): Promise<boolean> {
  return (await db.message.count({ where: { conversationId, attachmentId: uploadId } })) > 0;
}
