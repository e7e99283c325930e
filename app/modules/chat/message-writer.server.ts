import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import type { ChatMessageView } from "~/modules/realtime/events";
import { type MessageRow, toView } from "./message-view";

export interface NewMessage {
  senderId: string;
  conversationId: string;
  clientId: string;
  body: string;
  attachmentId?: string | null;
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
           sender."displayName" AS "senderName", upload.width, upload.height, upload."mimeType"
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

export const messageWriter = createMessageWriter();

export interface RawMessage extends MessageRow {
  senderName: string;
  width: number | null;
  height: number | null;
  mimeType: string | null;
}

export function rawToView(row: RawMessage): ChatMessageView {
  return toView({
    ...row,
    sender: { displayName: row.senderName },
    attachment: row.attachmentId
      ? { width: row.width, height: row.height, mimeType: row.mimeType ?? "image/webp" }
      : null,
  });
}
