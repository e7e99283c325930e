import { randomUUID } from "node:crypto";
import { db, type Tx } from "~/db.server";
import type { ConversationKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { joinConversationRoom, publishToConversation } from "~/modules/realtime/bus.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import type { ChatMessageView } from "~/modules/realtime/events";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { HISTORY_PAGE, SYNC_LIMIT } from "./chat.schema";

export interface NewMessage {
  senderId: string;
  conversationId: string;
  clientId: string;
  body: string;
  attachmentId?: string | null;
}

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
export async function requireParticipant(
  userId: string,
  conversationId: string,
  meta: { ip?: string | null } = {},
) {
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

interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientId: string;
  body: string;
  attachmentId: string | null;
  createdAt: Date;
}

const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  senderId: true,
  clientId: true,
  body: true,
  attachmentId: true,
  createdAt: true,
  sender: { select: { displayName: true } },
  attachment: { select: { width: true, height: true } },
} as const;

type SelectedMessage = MessageRow & {
  sender: { displayName: string };
  attachment: { width: number | null; height: number | null } | null;
};

export function attachmentUrl(
  conversationId: string,
  uploadId: string,
  variant: "full" | "thumb" = "full",
): string {
  return `/messages/${conversationId}/attachments/${uploadId}${variant === "thumb" ? "?v=thumb" : ""}`;
}

function toView(row: SelectedMessage): ChatMessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    senderName: row.sender.displayName,
    clientId: row.clientId,
    body: row.body,
    attachment: row.attachmentId
      ? {
          url: attachmentUrl(row.conversationId, row.attachmentId),
          thumbUrl: attachmentUrl(row.conversationId, row.attachmentId, "thumb"),
          width: row.attachment?.width ?? null,
          height: row.attachment?.height ?? null,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Stores a message before anyone is told about it. One statement takes the conversation's next
 * sequence number under its row lock and inserts the message, so messages of one conversation
 * are numbered in the order they commit and a reader catching up "after seq N" misses none.
 * A resend with the same client id returns the stored message instead of a second copy.
 */
export async function sendMessage(
  message: NewMessage,
): Promise<{ message: ChatMessageView; created: boolean }> {
  if (!message.body && !message.attachmentId) throw new DomainError("chat.empty");
  const [inserted] = await writer.write(message);
  if (inserted) return { message: rawToView(inserted), created: true };
  // Not inserted: either the client id was used before (a resend), or there is no such conversation.
  const [existing] = await db.$queryRaw<RawMessage[]>`
    SELECT m.id, m."conversationId", m.seq, m."senderId", m."clientId", m.body, m."attachmentId", m."createdAt",
           sender."displayName" AS "senderName", upload.width, upload.height
    FROM "Message" m JOIN "User" sender ON sender.id = m."senderId" LEFT JOIN "Upload" upload ON upload.id = m."attachmentId"
    WHERE m."senderId" = ${message.senderId} AND m."clientId" = ${message.clientId}`;
  if (!existing) throw new DomainError("chat.not_found");
  // A client id is the sender's own: reused for another conversation it is refused, not rerouted.
  if (existing.conversationId !== message.conversationId) throw new DomainError("chat.client_id_reused");
  return { message: rawToView(existing), created: false };
}

const MAX_BATCH = 500;

/**
 * Stores a batch of messages in one statement (one round trip, one commit): each conversation's
 * counter moves up by its number of new messages, which are numbered in arrival order. A message
 * whose client id was seen before is skipped (its waiter gets no row and looks the message up).
 */
function insertBatch(messages: readonly (NewMessage & { id: string })[]) {
  const column = <K extends keyof NewMessage | "id">(key: K) =>
    messages.map((message) => (message as unknown as Record<string, string | null | undefined>)[key] ?? null);
  return db.$queryRaw<RawMessage[]>`
    WITH input AS (
      SELECT * FROM unnest(${column("id")}::text[], ${column("conversationId")}::text[], ${column("senderId")}::text[], ${column("clientId")}::text[], ${column("body")}::text[], ${column("attachmentId")}::text[])
        WITH ORDINALITY AS t(id, conversation, sender, client, body, attachment, position)
    ), fresh AS (
      SELECT input.* FROM input
      WHERE NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."senderId" = input.sender AND m."clientId" = input.client)
    ), counts AS (
      SELECT conversation, count(*) AS n FROM fresh GROUP BY conversation
    ), bumped AS (
      UPDATE "Conversation" c SET "lastSeq" = c."lastSeq" + counts.n, "lastMessageAt" = now()
      FROM counts WHERE c.id = counts.conversation
      RETURNING c.id, c."lastSeq" AS last, counts.n
    ), numbered AS (
      SELECT fresh.*, bumped.last - bumped.n + row_number() OVER (PARTITION BY fresh.conversation ORDER BY fresh.position) AS seq
      FROM fresh JOIN bumped ON bumped.id = fresh.conversation
    ), stored AS (
      INSERT INTO "Message" (id, "conversationId", seq, "senderId", "clientId", body, "attachmentId", "createdAt")
      SELECT id, conversation, seq, sender, client, body, attachment, now() FROM numbered
      ON CONFLICT ("senderId", "clientId") DO NOTHING
      RETURNING *
    )
    SELECT stored.id, stored."conversationId", stored.seq, stored."senderId", stored."clientId", stored.body, stored."attachmentId", stored."createdAt",
           sender."displayName" AS "senderName", upload.width, upload.height
    FROM stored JOIN "User" sender ON sender.id = stored."senderId" LEFT JOIN "Upload" upload ON upload.id = stored."attachmentId"`;
}

/**
 * Messages are written in batches: while one batch commits, the next gathers, and each batch is
 * one statement — one round trip and one WAL flush for all its messages instead of one each (at
 * 500 messages a second, per-message commits made the slowest deliveries wait; see bench:chat).
 * Nothing is acknowledged before its batch has committed. A batch that fails as a whole (e.g. one
 * message names a sender that was just deleted) is retried message by message, so one bad message
 * never takes the others down.
 */
function createMessageWriter() {
  type Waiting = {
    message: NewMessage & { id: string };
    resolve: (rows: RawMessage[]) => void;
    reject: (error: unknown) => void;
  };
  const queue: Waiting[] = [];
  let running = false;

  async function drain() {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const rows = await insertBatch(batch.map((item) => item.message));
          const byId = new Map(rows.map((row) => [row.id, row]));
          for (const item of batch) {
            const row = byId.get(item.message.id);
            item.resolve(row ? [row] : []);
          }
        } catch {
          for (const item of batch) {
            try {
              item.resolve(await insertBatch([item.message]));
            } catch (error) {
              item.reject(error);
            }
          }
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    write(message: NewMessage): Promise<RawMessage[]> {
      return new Promise((resolve, reject) => {
        queue.push({ message: { ...message, id: randomUUID() }, resolve, reject });
        void drain();
      });
    },
  };
}

const writer = createMessageWriter();

interface RawMessage extends MessageRow {
  senderName: string;
  width: number | null;
  height: number | null;
}

function rawToView(row: RawMessage): ChatMessageView {
  return toView({
    ...row,
    sender: { displayName: row.senderName },
    attachment: row.attachmentId ? { width: row.width, height: row.height } : null,
  });
}

/**
 * A message sent from the conversation page's form (with or without JavaScript), possibly with
 * an image: the image is checked and stored first (files cannot join a transaction) and removed
 * again if the message is not stored or was stored before. Everyone connected is told.
 */
export async function postMessage(message: Omit<NewMessage, "attachmentId"> & { image?: File | null }) {
  const image =
    message.image && message.image.size > 0
      ? await storeImage({ ownerId: message.senderId, file: message.image })
      : null;
  try {
    const result = await sendMessage({ ...message, attachmentId: image?.id ?? null });
    if (image && !result.created) await deleteUpload(image.id);
    if (result.created)
      publishToConversation(message.conversationId, "chat:message", { message: result.message });
    return result;
  } catch (error) {
    if (image) await deleteUpload(image.id).catch(() => undefined);
    throw error;
  }
}

/** A page of history, newest last; `before` pages further back. */
export async function listMessages(
  conversationId: string,
  { before, limit = HISTORY_PAGE }: { before?: number; limit?: number } = {},
) {
  const rows = await db.message.findMany({
    where: { conversationId, ...(before ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: messageSelect,
  });
  return { messages: rows.slice(0, limit).reverse().map(toView), hasMore: rows.length > limit };
}

/** What a reconnecting client missed: messages after the last one it saw, oldest first. */
export async function messagesAfter(conversationId: string, afterSeq: number, limit = SYNC_LIMIT) {
  const rows = await db.message.findMany({
    where: { conversationId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit + 1,
    select: messageSelect,
  });
  return { messages: rows.slice(0, limit).map(toView), hasMore: rows.length > limit };
}

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
              need: { select: { id: true, title: true } },
              expert: { select: { displayName: true } },
            },
          },
          agreement: { select: { id: true, title: true } },
          messages: {
            orderBy: { seq: "desc" },
            take: 1,
            select: { body: true, senderId: true, attachmentId: true, createdAt: true },
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
          need: { select: { id: true, title: true } },
          expert: { select: { id: true, displayName: true } },
        },
      },
      agreement: { select: { id: true, title: true, number: true } },
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
  const others = conversation.members.filter((member) => member.userId !== viewerId);
  const me = conversation.members.find((member) => member.userId === viewerId);
  return { ...conversation, others, myReadSeq: me?.lastReadSeq ?? 0 };
}

/** Whether an uploaded file is attached to a message of this conversation (for serving it). */
export async function isConversationAttachment(conversationId: string, uploadId: string): Promise<boolean> {
  return (await db.message.count({ where: { conversationId, attachmentId: uploadId } })) > 0;
}
