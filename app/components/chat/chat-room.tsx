import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";
import {
  createChatSession,
  type ChatSession,
  type ChatState,
  type PendingMessage,
  type UploadResult,
} from "~/modules/chat/chat-client";
import { newClientId } from "~/modules/chat/client-id";
import { browserOutbox } from "~/modules/chat/outbox-store";
import { MAX_MESSAGE_CHARS } from "~/modules/chat/text";
import type { ChatMessageView } from "~/modules/realtime/events";
import { MAX_IMAGE_BYTES, MIB } from "~/modules/uploads/limits";
import { useSocket } from "~/utils/socket-client";
import { shrinkImage, uploadForm } from "~/utils/upload-client";
import { useObjectUrl } from "~/utils/use-object-url";
import { MessageBubble, type DeliveryStatus } from "./message-bubble";
import { PendingBubble } from "./pending-bubble";
import { VoiceNoteField } from "./voice-note-field";

const TYPING_THROTTLE_MS = 2500;
/** How close to the newest message (in pixels) still counts as reading the end of the conversation. */
const NEAR_END_PX = 240;

interface ChatRoomProps {
  conversationId: string;
  userId: string;
  messages: ChatMessageView[];
  receipts: ChatState["receipts"];
  hasOlder: boolean;
  /** Showing an older page: no live updates, a link back to the latest. */
  paging: boolean;
  clientId: string;
  /** Whether the person consented to voice notes; without it the page asks first (no recorder). */
  voiceConsent: boolean;
  /** The form's refusal (translated), the field it is about, and what was typed, after a plain submit. */
  error?: string;
  errorField?: string;
  draft?: string;
}

function statusOf(seq: number, receipts: ChatState["receipts"], userId: string): DeliveryStatus {
  let read = 0;
  let delivered = 0;
  for (const [id, marks] of Object.entries(receipts)) {
    if (id === userId) continue;
    read = Math.max(read, marks.readSeq);
    delivered = Math.max(delivered, marks.deliveredSeq);
  }
  return seq <= read ? "read" : seq <= delivered ? "delivered" : "sent";
}

/** Sends a message with a photo or a voice note through the conversation's form action, reporting progress. */
async function uploadMessage(
  conversationId: string,
  message: PendingMessage,
  onProgress: (share: number) => void,
): Promise<UploadResult> {
  const form = new FormData();
  form.append("clientId", message.clientId);
  form.append("body", message.body);
  if (message.image) form.append("image", message.image, message.imageName ?? "photo.jpg");
  if (message.audio) form.append("voice", message.audio, message.audioName ?? "voice.webm");
  const answer = await uploadForm(`/messages/${encodeURIComponent(conversationId)}.data`, form, onProgress);
  if (answer.kind === "dropped" || answer.status === 0 || answer.status >= 500)
    return { ok: false, error: null };
  if (answer.status < 300) return { ok: true };
  return { ok: false, error: answer.errorKey ?? "chat.errors.invalid" };
}

/**
 * The messages and the composer. Rendered by the server as a plain page with a form; once
 * JavaScript runs, a chat session over the socket takes over: messages arrive live, typed ones go
 * out over the socket (pending until stored, resent after a reconnect), photos and voice notes go
 * through the form (from the same outbox), and the page reports delivery, reading and typing.
 */
export function ChatRoom(props: ChatRoomProps) {
  const { t } = useT();
  // Sending, waiting for a signal, failed: shown when the rest of the catalogue may not come.
  useClientMessages("chat");
  const live = !props.paging;
  const socket = useSocket(live);
  const [state, setState] = useState<ChatState | null>(null);
  const session = useRef<ChatSession | null>(null);
  const lastTyping = useRef(0);
  const endRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const navigation = useNavigation();
  const [formClientId, setFormClientId] = useState(props.clientId);
  const [photo, setPhoto] = useState<File | null>(null);
  const photoPreview = useObjectUrl(photo);
  const [voice, setVoice] = useState<File | null>(null);
  // A new voice field after each send: its recorder and file input start again empty.
  const [voiceField, setVoiceField] = useState(0);

  useEffect(() => {
    if (!socket) return;
    const opened = createChatSession(socket, {
      conversationId: props.conversationId,
      userId: props.userId,
      initialMessages: props.messages,
      initialReceipts: props.receipts,
      outbox: browserOutbox(),
      upload: (message, onProgress) => uploadMessage(props.conversationId, message, onProgress),
      onChange: setState,
      onIncoming: (message) => opened.markDelivered(message.seq),
    });
    session.current = opened;
    return () => {
      opened.close();
      session.current = null;
    };
    // The session lives as long as the socket and the conversation; new page data arrives over it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, props.conversationId, props.userId]);

  // The browser knows the network went away (or came back) before the socket does.
  useEffect(() => {
    const offline = () => session.current?.offline();
    const online = () => session.current?.online();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
    };
  }, []);

  // A plain-form send comes back with a new page: take its messages too.
  useEffect(() => setFormClientId(props.clientId), [props.clientId]);

  const messages = state?.messages ?? props.messages;
  const pending = state?.pending ?? [];
  const receipts = state?.receipts ?? props.receipts;
  const newest = messages.at(-1)?.seq ?? 0;

  // Read while the page is in view; reported again whenever something new is shown.
  useEffect(() => {
    if (!live || !state?.connected) return;
    const report = () => {
      if (document.visibilityState === "visible") void session.current?.markRead();
    };
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [live, newest, state?.connected]);

  // Someone scrolled up to read older messages is left there when a new one arrives; at the end
  // (or sending), the newest message is brought into view.
  const atEnd = useRef(true);
  const sentCount = useRef(pending.length);
  useEffect(() => {
    const onScroll = () => {
      const end = endRef.current;
      if (end) atEnd.current = end.getBoundingClientRect().top <= window.innerHeight + NEAR_END_PX;
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);
  useEffect(() => {
    const sending = pending.length > sentCount.current;
    sentCount.current = pending.length;
    if (atEnd.current || sending) endRef.current?.scrollIntoView({ block: "end" });
  }, [messages.length, pending.length]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Without a session (JavaScript still loading) the form posts as it would without JavaScript.
    const current = session.current;
    if (!current) return;
    event.preventDefault();
    const text = (textRef.current?.value ?? "").slice(0, MAX_MESSAGE_CHARS * 2);
    const image = photo;
    const recording = voice;
    if (!text.trim() && !image && !recording) return;
    // Cleared at once: what was typed now lives in the outbox (kept on the device) until it is stored.
    if (textRef.current) textRef.current.value = "";
    if (fileRef.current) fileRef.current.value = "";
    setPhoto(null);
    setVoice(null);
    if (recording) setVoiceField((n) => n + 1);
    textRef.current?.focus();
    if (!image && !recording) {
      current.send(text);
      return;
    }
    // Text goes over the socket; a photo is shrunk on the phone and uploaded, a voice note (small
    // already: recorded at a low bitrate) is uploaded as it is, all through the outbox. A message
    // carries one of them: with both, the voice note follows the photo as a message of its own.
    if (image) current.send(text, { image: await shrinkImage(image), imageName: image.name });
    if (recording) current.send(image ? "" : text, { audio: recording, audioName: recording.name });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Ctrl/⌘+Enter sends; Enter alone makes a new line (what phone keyboards expect).
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  function onInput() {
    const now = Date.now();
    if (now - lastTyping.current > TYPING_THROTTLE_MS) {
      lastTyping.current = now;
      session.current?.typing();
    }
  }

  const submitting =
    navigation.state === "submitting" &&
    navigation.formAction?.startsWith(`/messages/${props.conversationId}`);
  const typing = state?.typing ?? [];
  // A refused voice note is told beside the voice field; anything else beside the text.
  const voiceError = props.errorField === "voice" ? props.error : undefined;
  const bodyError = voiceError ? undefined : props.error;

  return (
    <div className="flex flex-col gap-3">
      {props.hasOlder ? (
        <p className="text-center text-sm">
          <Link to={`?before=${messages[0]?.seq ?? 1}`} className="link">
            {t("chat.older")}
          </Link>
        </p>
      ) : null}
      <ol
        role="log"
        aria-label={t("chat.title")}
        aria-live="polite"
        className="flex flex-col gap-2 rounded-xl bg-stone-100 p-3"
      >
        {messages.length === 0 && pending.length === 0 ? (
          <li className="text-center text-sm text-stone-600">{t("chat.noMessages")}</li>
        ) : null}
        {messages.map((message) => (
          <li key={message.id}>
            <MessageBubble
              message={message}
              mine={message.senderId === props.userId}
              status={
                message.senderId === props.userId ? statusOf(message.seq, receipts, props.userId) : undefined
              }
            />
          </li>
        ))}
        {pending.map((message) => (
          <li key={message.clientId}>
            <PendingBubble
              message={message}
              online={state?.connected ?? false}
              onRetry={() => session.current?.retry(message.clientId)}
              onDiscard={() => session.current?.discard(message.clientId)}
            />
          </li>
        ))}
      </ol>
      {props.paging ? (
        <p className="text-center text-sm">
          <Link to={`/messages/${props.conversationId}#latest`} className="link">
            {t("chat.newest")}
          </Link>
        </p>
      ) : null}
      <p aria-live="polite" className="min-h-5 text-sm text-stone-600">
        {typing.length > 0 ? t("chat.typing", { name: typing.map((entry) => entry.name).join("、") }) : ""}
      </p>
      {/* The composer stays at the bottom of the screen: messages arriving, or the signal notice
          coming and going, never move the send button from under a thumb about to tap it. */}
      <Form
        method="post"
        encType="multipart/form-data"
        onSubmit={onSubmit}
        className="card sticky bottom-0 z-10 space-y-2 shadow-md"
        replace
      >
        {state && !state.connected ? (
          <p role="status" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm">
            {t("chat.offline")}
          </p>
        ) : null}
        <input type="hidden" name="clientId" value={formClientId} />
        <label htmlFor="chat-body" className="sr-only">
          {t("chat.messageLabel")}
        </label>
        <textarea
          ref={textRef}
          id="chat-body"
          name="body"
          rows={2}
          maxLength={MAX_MESSAGE_CHARS}
          defaultValue={props.draft}
          placeholder={t("chat.messagePlaceholder")}
          className="input"
          onKeyDown={onKeyDown}
          onInput={onInput}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? "chat-error" : undefined}
        />
        {bodyError ? (
          <p id="chat-error" role="alert" className="text-sm text-red-700">
            {props.error}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label className="text-sm text-stone-700">
            <span className="mr-2">{t("chat.attach")}</span>
            <input
              ref={fileRef}
              type="file"
              name="image"
              accept="image/jpeg,image/png,image/webp"
              className="text-sm"
              aria-describedby="chat-attach-hint"
              onChange={(event) => {
                setFormClientId(newClientId());
                setPhoto(event.currentTarget.files?.[0] ?? null);
              }}
            />
            <span id="chat-attach-hint" className="block text-xs text-stone-500">
              {t("chat.attachHint", { mb: MAX_IMAGE_BYTES / MIB })}
            </span>
          </label>
          {photoPreview ? (
            <figure className="flex items-center gap-2">
              <img
                src={photoPreview}
                alt={t("chat.photoPreview")}
                className="h-16 w-16 rounded-lg object-cover"
              />
              <button
                type="button"
                className="link min-h-11 text-sm"
                onClick={() => {
                  if (fileRef.current) fileRef.current.value = "";
                  setPhoto(null);
                }}
              >
                {t("chat.removePhoto")}
              </button>
            </figure>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end justify-between gap-2">
          {props.voiceConsent ? (
            <VoiceNoteField
              key={voiceField}
              voice={voice}
              onChange={(next) => {
                setFormClientId(newClientId());
                setVoice(next);
              }}
              error={voiceError}
            />
          ) : (
            <Link
              className="link min-h-11 text-sm"
              to={`/account/privacy/consent?${new URLSearchParams({ purpose: "VOICE", returnTo: `/messages/${props.conversationId}` })}`}
            >
              {t("privacy.ask.voiceLink")}
            </Link>
          )}
          <button type="submit" className="btn-primary" disabled={submitting}>
            {submitting ? t("chat.sending") : t("chat.send")}
          </button>
        </div>
      </Form>
      {/* Scrolled into view at the end: the newest message then sits just above the composer. */}
      <div ref={endRef} id="latest" aria-hidden="true" />
    </div>
  );
}
