import { z } from "zod";
import { hasLoneSurrogate, isBlankText } from "~/utils/user-text";
import { MAX_MESSAGE_CHARS, sanitiseMessageText } from "./text";
import { voiceNoteRefusal } from "./voice-note";

/** How many messages a page of history holds, and a catch-up's most per request. */
export const HISTORY_PAGE = 50;
export const SYNC_LIMIT = 200;

const ConversationId = z.string().trim().min(1).max(40);
const Seq = z.number().int().min(0).max(2_147_483_647);

/** The sender's id for a message, reused on every resend of it. */
export const ClientMessageId = z.string().uuid({ message: "chat.errors.client_id" });

export const MessageBody = z
  .string({ message: "chat.errors.empty" })
  .max(MAX_MESSAGE_CHARS * 2, "chat.errors.too_long")
  .refine((value) => !hasLoneSurrogate(value), { message: "errors.malformed_text", abort: true })
  .transform(sanitiseMessageText)
  .transform((value) => (isBlankText(value) ? "" : value))
  .pipe(z.string().max(MAX_MESSAGE_CHARS, "chat.errors.too_long"));

// Socket payloads. Each is parsed before anything else happens; a bad one gets an error ack.
export const JoinPayload = z.object({ conversationId: ConversationId });
export const SendPayload = z
  .object({
    conversationId: ConversationId,
    clientId: ClientMessageId,
    body: MessageBody,
  })
  .refine((payload) => payload.body.length > 0, { message: "chat.errors.empty", path: ["body"] });
export const SyncPayload = z.object({ conversationId: ConversationId, afterSeq: Seq });
export const ReceiptPayload = z.object({ conversationId: ConversationId, seq: Seq.min(1) });
export const TypingPayload = z.object({ conversationId: ConversationId });

const isFile = (value: unknown): value is File => typeof File !== "undefined" && value instanceof File;

/** A voice note sent with the form: a recording of an allowed type within the size limit. */
const VoiceNoteFile = z.custom<File>(isFile, "chat.errors.invalid").superRefine((file, context) => {
  const refusal = voiceNoteRefusal(file);
  if (refusal) context.addIssue({ code: "custom", message: refusal });
});

/**
 * The conversation page's form (works without JavaScript): text, and one attachment — a photo or
 * a voice note — with or without text. The files' contents are checked when they are stored.
 */
export const MessageFormSchema = z
  .object({
    intent: z.literal("send").default("send"),
    clientId: ClientMessageId,
    body: MessageBody.optional().default(""),
    image: z.custom<File>(isFile, "chat.errors.invalid").optional(),
    voice: VoiceNoteFile.optional(),
  })
  .refine((form) => !(form.image && form.voice), { message: "chat.errors.one_attachment", path: ["voice"] });

export const HistoryParamsSchema = z.object({
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
});

export const DirectFormSchema = z.object({ userId: z.string().trim().min(1).max(40) });
