import { db } from "~/db.server";
import { publishToConversation, publishToUser } from "~/modules/realtime/bus.server";

/** Messages from others the user has not read, over all their conversations. */
export async function countUnread(userId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count
    FROM "ConversationMember" member
    JOIN "Message" message ON message."conversationId" = member."conversationId" AND message.seq > member."lastReadSeq"
    WHERE member."userId" = ${userId} AND message."senderId" <> ${userId}`;
  return Number(row?.count ?? 0);
}

/** Moves the user's read mark forward (never back); returns their new unread total. */
export async function markRead(userId: string, conversationId: string, seq: number) {
  await db.$executeRaw`
    UPDATE "ConversationMember"
    SET "lastReadSeq" = GREATEST("lastReadSeq", LEAST(${seq}, c."lastSeq")),
        "lastDeliveredSeq" = GREATEST("lastDeliveredSeq", LEAST(${seq}, c."lastSeq"))
    FROM "Conversation" c
    WHERE c.id = "ConversationMember"."conversationId" AND "ConversationMember"."conversationId" = ${conversationId} AND "userId" = ${userId}`;
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    select: { lastReadSeq: true, lastDeliveredSeq: true },
  });
  return {
    readSeq: member?.lastReadSeq ?? 0,
    deliveredSeq: member?.lastDeliveredSeq ?? 0,
    unreadCount: await countUnread(userId),
  };
}

/**
 * The page of a conversation was shown to the user with its newest message (with or without
 * JavaScript): that is reading it. The others' pages see the receipt live, the user's badge drops.
 */
export async function markReadOnView(userId: string, conversationId: string, seq: number) {
  if (seq <= 0) return;
  const marks = await markRead(userId, conversationId, seq);
  publishToConversation(conversationId, "chat:receipt", {
    conversationId,
    userId,
    readSeq: marks.readSeq,
    deliveredSeq: marks.deliveredSeq,
  });
  publishToUser(userId, "chat:unread", { unreadCount: marks.unreadCount });
}

/**
 * Delivered marks arrive for nearly every message and every reader, so they are gathered in
 * memory and written together once a second (see flushDelivered). Losing the last second of them
 * in a crash only means a tick shows "sent" instead of "delivered" until the next read.
 */
const pendingDelivered = new Map<string, { conversationId: string; userId: string; seq: number }>();

export function markDelivered(userId: string, conversationId: string, seq: number): void {
  const key = `${conversationId}:${userId}`;
  const pending = pendingDelivered.get(key);
  if (!pending || pending.seq < seq) pendingDelivered.set(key, { conversationId, userId, seq });
}

export async function flushDelivered(): Promise<number> {
  if (pendingDelivered.size === 0) return 0;
  const marks = [...pendingDelivered.values()];
  pendingDelivered.clear();
  const conversationIds = marks.map((mark) => mark.conversationId);
  const userIds = marks.map((mark) => mark.userId);
  const seqs = marks.map((mark) => mark.seq);
  return db.$executeRaw`
    UPDATE "ConversationMember" member
    SET "lastDeliveredSeq" = GREATEST(member."lastDeliveredSeq", LEAST(marks.seq, c."lastSeq"))
    FROM unnest(${conversationIds}::text[], ${userIds}::text[], ${seqs}::int[]) AS marks("conversationId", "userId", seq),
         "Conversation" c
    WHERE member."conversationId" = marks."conversationId" AND member."userId" = marks."userId" AND c.id = marks."conversationId"`;
}

/** Every participant's delivered and read marks, for the receipts under one's own messages. */
export async function getReceipts(conversationId: string) {
  return db.conversationMember.findMany({
    where: { conversationId },
    select: {
      userId: true,
      lastReadSeq: true,
      lastDeliveredSeq: true,
      user: { select: { displayName: true } },
    },
  });
}
