import { db } from "~/db.server";
import { publishToConversation } from "~/modules/realtime/bus.server";
import { deleteUpload, storeAudio, storeImage } from "~/modules/uploads/uploads.server";
import { assertConsent } from "~/modules/privacy/consents.server";
import type { ChatMessageView } from "~/modules/realtime/events";
import { DomainError, isDomainError } from "~/utils/errors";
import { HISTORY_PAGE, SYNC_LIMIT } from "./chat.schema";
import { type NewMessage, messageWriter, rawToView, type RawMessage } from "./message-writer.server";
import { messageSelect, toView } from "./message-view";

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
  const [inserted] = await messageWriter.write(message);
  if (inserted) return { message: rawToView(inserted), created: true };
  // Not inserted: either the client id was used before (a resend), or there is no such conversation.
  const [existing] = await db.$queryRaw<RawMessage[]>`
    SELECT m.id, m."conversationId", m.seq, m."senderId", m."clientId", m.body, m."attachmentId", m."createdAt",
           sender."displayName" AS "senderName", upload.width, upload.height, upload."mimeType"
    FROM "Message" m JOIN "User" sender ON sender.id = m."senderId" LEFT JOIN "Upload" upload ON upload.id = m."attachmentId"
    WHERE m."senderId" = ${message.senderId} AND m."clientId" = ${message.clientId}`;
  if (!existing) throw new DomainError("chat.not_found");
  // A client id is the sender's own: reused for another conversation it is refused, not rerouted.
  if (existing.conversationId !== message.conversationId) throw new DomainError("chat.client_id_reused");
  return { message: rawToView(existing), created: false };
}

/** A voice note stored for a message; the upload storage's refusals become the chat form's. */
async function storeVoiceNote(ownerId: string, file: File) {
  // A voice is sensitive personal information: recorded only with the sender's own consent.
  await assertConsent(ownerId, "VOICE");
  try {
    return await storeAudio({ ownerId, file });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "upload.audio_too_large") throw new DomainError("chat.audio_too_large", error.params);
    throw new DomainError("chat.audio_type");
  }
}

/**
 * A message sent from the conversation page's form (with or without JavaScript), possibly with
 * an image or a voice note: the file is checked and stored first (files cannot join a
 * transaction) and removed again if the message is not stored or was stored before (a resend
 * from the device's outbox). Everyone connected is told.
 */
export async function postMessage(
  message: Omit<NewMessage, "attachmentId"> & { image?: File | null; voice?: File | null },
) {
  const { image, voice, ...fields } = message;
  const attachment =
    image && image.size > 0
      ? await storeImage({ ownerId: message.senderId, file: image })
      : voice
        ? await storeVoiceNote(message.senderId, voice)
        : null;
  try {
    const result = await sendMessage({ ...fields, attachmentId: attachment?.id ?? null });
    if (attachment && !result.created) await deleteUpload(attachment.id);
    if (result.created)
      publishToConversation(message.conversationId, "chat:message", { message: result.message });
    return result;
  } catch (error) {
    if (attachment) await deleteUpload(attachment.id).catch(() => undefined);
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
