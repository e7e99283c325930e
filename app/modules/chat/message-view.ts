import type { ChatMessageView } from "~/modules/realtime/events";

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientId: string;
  body: string;
  attachmentId: string | null;
  createdAt: Date;
}

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  senderId: true,
  clientId: true,
  body: true,
  attachmentId: true,
  createdAt: true,
  sender: { select: { displayName: true } },
  attachment: { select: { width: true, height: true, mimeType: true } },
} as const;

type SelectedMessage = MessageRow & {
  sender: { displayName: string };
  attachment: { width: number | null; height: number | null; mimeType: string } | null;
};

export function attachmentUrl(
  conversationId: string,
  uploadId: string,
  variant: "full" | "thumb" = "full",
): string {
  return `/messages/${conversationId}/attachments/${uploadId}${variant === "thumb" ? "?v=thumb" : ""}`;
}

export function toView(row: SelectedMessage): ChatMessageView {
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
          // Voice notes are the only audio a message carries; everything else is a photo.
          kind: row.attachment?.mimeType.startsWith("audio/") ? "audio" : "image",
          url: attachmentUrl(row.conversationId, row.attachmentId),
          thumbUrl: attachmentUrl(row.conversationId, row.attachmentId, "thumb"),
          width: row.attachment?.width ?? null,
          height: row.attachment?.height ?? null,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}
