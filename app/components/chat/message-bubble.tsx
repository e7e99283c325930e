import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { linkify } from "~/modules/chat/text";
import type { ChatMessageView } from "~/modules/realtime/events";

export type DeliveryStatus = "sending" | "sent" | "delivered" | "read" | "failed";

/** Message text as React text nodes (never HTML), with web links clickable and line breaks kept. */
export function MessageText({ text }: { text: string }) {
  return (
    <p className="whitespace-pre-wrap break-words">
      {linkify(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} className="link" target="_blank" rel="noopener noreferrer nofollow ugc">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

export function MessageBubble({
  message,
  mine,
  status,
  onRetry,
  error,
}: {
  message: Pick<ChatMessageView, "body" | "senderName" | "createdAt" | "attachment">;
  mine: boolean;
  status?: DeliveryStatus;
  onRetry?: () => void;
  /** Why it failed, already translated. */
  error?: string;
}) {
  const { t, locale } = useT();
  return (
    <div className={`flex ${mine ? "justify-end" : "justify-start"}`}>
      <div
        className={`max-w-[85%] rounded-2xl px-3 py-2 shadow-sm ${mine ? "bg-brand-50 text-stone-900" : "bg-white"}`}
      >
        <p className="text-xs text-stone-500">
          <span className="font-medium">{mine ? t("chat.you") : message.senderName}</span>
          {message.createdAt ? (
            <>
              {" · "}
              <time dateTime={message.createdAt}>{formatDateTime(locale, message.createdAt)}</time>
            </>
          ) : null}
        </p>
        {message.attachment?.kind === "audio" ? (
          // Nothing is fetched until it is played: a conversation of voice notes costs no data to open.
          <audio
            controls
            preload="none"
            src={message.attachment.url}
            aria-label={t("chat.voiceNote")}
            className="mt-1 max-w-full"
          >
            <a href={message.attachment.url} className="link">
              {t("chat.voiceNote")}
            </a>
          </audio>
        ) : message.attachment ? (
          <a href={message.attachment.url} target="_blank" rel="noopener noreferrer" className="mt-1 block">
            <img
              src={message.attachment.thumbUrl}
              alt={t("chat.image")}
              width={message.attachment.width ? Math.min(400, message.attachment.width) : undefined}
              className="max-h-64 rounded-lg"
              loading="lazy"
            />
          </a>
        ) : null}
        {message.body ? <MessageText text={message.body} /> : null}
        {mine && status ? (
          <p className={`mt-1 text-right text-xs ${status === "failed" ? "text-red-700" : "text-stone-500"}`}>
            {t(`chat.status.${status}`)}
            {error ? ` · ${error}` : null}
            {status === "failed" && onRetry ? (
              <button type="button" onClick={onRetry} className="link ml-2">
                {t("chat.retry")}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
