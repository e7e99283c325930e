import { translateMaybe } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import type { PendingMessage } from "~/modules/chat/chat-client";
import { MAX_AUDIO_BYTES, MIB } from "~/modules/uploads/limits";
import { useObjectUrl } from "~/utils/use-object-url";
import { MessageText } from "./message-bubble";

/**
 * A message of this device that the server has not stored yet: sending, waiting for signal, or
 * refused (with the reason, a retry and a way to give it up). It is never dropped silently.
 */
export function PendingBubble({
  message,
  online,
  onRetry,
  onDiscard,
}: {
  message: PendingMessage;
  online: boolean;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { t, locale } = useT();
  const preview = useObjectUrl(message.image);
  const recording = useObjectUrl(message.audio);
  const failed = message.status === "failed";
  const status = failed ? "failed" : online ? "sending" : "waiting";
  const percent = message.progress === undefined ? null : Math.round(message.progress * 100);
  return (
    <div className="flex justify-end" data-pending-status={status}>
      <div className="max-w-[85%] rounded-2xl bg-brand-50 px-3 py-2 text-stone-900 opacity-90 shadow-sm">
        <p className="text-xs text-stone-500">{t("chat.you")}</p>
        {preview ? (
          <img src={preview} alt={t("chat.photoPreview")} className="mt-1 max-h-64 rounded-lg" />
        ) : null}
        {recording ? (
          <audio
            controls
            preload="metadata"
            src={recording}
            aria-label={t("chat.voice.preview")}
            className="mt-1 max-w-full"
          />
        ) : null}
        {message.body ? <MessageText text={message.body} /> : null}
        {percent !== null && !failed ? (
          <progress
            className="mt-1 h-1.5 w-full"
            max={100}
            value={percent}
            aria-label={t("chat.uploading", { percent })}
          />
        ) : null}
        <p className={`mt-1 text-right text-xs ${failed ? "text-red-700" : "text-stone-500"}`} role="status">
          {t(`chat.status.${status}`)}
          {status === "waiting" ? ` · ${t("chat.keptOnDevice")}` : null}
          {failed && message.error
            ? ` · ${translateMaybe(locale, message.error, { seconds: Math.ceil((message.retryAfterMs ?? 1000) / 1000), mb: MAX_AUDIO_BYTES / MIB })}`
            : null}
        </p>
        {failed ? (
          <p className="mt-1 flex justify-end gap-3 text-sm">
            <button type="button" onClick={onRetry} className="link min-h-11">
              {t("chat.retry")}
            </button>
            <button type="button" onClick={onDiscard} className="link min-h-11 text-stone-600">
              {t("chat.discard")}
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
