import { useRef } from "react";
import { ErrorList } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { MAX_AUDIO_BYTES } from "~/modules/uploads/limits";
import { putInFileInput, useVoiceRecording } from "~/utils/use-voice-recording";

/**
 * A voice note for a multipart form. The plain file input always works (no JavaScript, no
 * microphone: choose a recording from the phone). With a microphone, record / stop / replay /
 * discard; the recording is put into that same input, so the form posts it like a chosen file.
 */
export function VoiceRecorder({
  name,
  id,
  label,
  hint,
  errors,
}: {
  name: string;
  id: string;
  label: string;
  hint?: string;
  errors?: string[] | null;
}) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const { canRecord, state, seconds, url, start, stop, discard } = useVoiceRecording({
    onRecorded: (file) => putInFileInput(input.current, file),
  });

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium text-stone-800">
        {label}
      </label>
      {canRecord && state !== "unavailable" ? (
        <div className="flex flex-wrap items-center gap-2">
          {state === "recording" ? (
            <>
              <button type="button" className="btn-primary" onClick={stop}>
                {t("reach.voice.stop")}
              </button>
              <span role="status" className="text-red-700">
                {t("reach.voice.recording", { seconds })}
              </span>
            </>
          ) : state === "recorded" && url ? (
            <>
              <audio controls src={url} className="max-w-full" />
              <span className="text-sm text-stone-600">{t("reach.voice.recorded", { seconds })}</span>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => {
                  putInFileInput(input.current, null);
                  discard();
                }}
              >
                {t("reach.voice.discard")}
              </button>
            </>
          ) : (
            <button type="button" className="btn-secondary" onClick={() => void start()}>
              {t("reach.voice.record")}
            </button>
          )}
        </div>
      ) : null}
      {state === "unavailable" ? <p className="text-sm text-amber-900">{t("reach.voice.noMic")}</p> : null}
      <input
        ref={input}
        id={id}
        name={name}
        type="file"
        accept="audio/*"
        data-max-bytes={MAX_AUDIO_BYTES}
        className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:text-brand-800"
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-invalid={errors?.length ? true : undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <ErrorList errors={errors} />
    </div>
  );
}
