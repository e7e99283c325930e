import { useRef, useState } from "react";
import { useT } from "~/i18n/use-t";
import { voiceNoteRefusal } from "~/modules/chat/voice-note";
import { MAX_AUDIO_BYTES, MIB } from "~/modules/uploads/limits";
import { useObjectUrl } from "~/utils/use-object-url";
import { MAX_VOICE_SECONDS, putInFileInput, useVoiceRecording } from "~/utils/use-voice-recording";

const LIMITS = { seconds: MAX_VOICE_SECONDS, mb: MAX_AUDIO_BYTES / MIB };

/**
 * The composer's voice note. Without JavaScript or a microphone it is a plain file input named
 * `voice` (a recording chosen from the phone goes with the form); with a microphone, tap to
 * record, tap to stop (at most a minute), replay or discard before sending. The recording is put
 * into the same input, so a form posted before the chat session runs carries it too. Remount it
 * (a new `key`) to start again empty after a send.
 */
export function VoiceNoteField({
  voice,
  onChange,
  error,
}: {
  voice: File | null;
  onChange: (voice: File | null) => void;
  /** The server's refusal of the last voice note, translated. */
  error?: string;
}) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const preview = useObjectUrl(voice);
  const recorder = useVoiceRecording({
    onRecorded: (file) => {
      putInFileInput(input.current, file);
      onChange(file);
    },
  });
  const recordable = recorder.canRecord && recorder.state !== "unavailable";
  const shown = refusal ?? error;

  /** A recording chosen from the phone is checked here: one that would be refused never waits in the outbox. */
  function choose(file: File | null) {
    const problem = file ? voiceNoteRefusal(file) : null;
    if (problem) {
      setRefusal(t(problem, LIMITS));
      putInFileInput(input.current, null);
      onChange(null);
      return;
    }
    setRefusal(null);
    onChange(file);
  }

  function discard() {
    putInFileInput(input.current, null);
    recorder.discard();
    onChange(null);
  }

  return (
    <div className="space-y-1 text-sm text-stone-700">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="chat-voice">{t("chat.voiceLabel")}</label>
        {recordable && recorder.state === "recording" ? (
          <>
            <button type="button" className="btn-primary min-h-11" onClick={recorder.stop}>
              {t("chat.voice.stop")}
            </button>
            <span role="status" className="text-red-700">
              {t("chat.voice.recording", { seconds: recorder.seconds })}
            </span>
          </>
        ) : recordable && !voice ? (
          <button type="button" className="btn-secondary min-h-11" onClick={() => void recorder.start()}>
            {t("chat.voice.record")}
          </button>
        ) : null}
        <input
          ref={input}
          id="chat-voice"
          type="file"
          name="voice"
          accept="audio/*"
          // With a microphone the record button takes its place; the input still carries the recording.
          hidden={recordable}
          className="text-sm"
          aria-describedby={shown ? "chat-voice-error" : "chat-voice-hint"}
          aria-invalid={shown ? true : undefined}
          onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
        />
      </div>
      {recorder.state === "unavailable" ? <p className="text-amber-900">{t("chat.voice.noMic")}</p> : null}
      {preview ? (
        <figure className="flex flex-wrap items-center gap-2">
          <audio controls src={preview} aria-label={t("chat.voice.preview")} className="max-w-full" />
          {recorder.state === "recorded" ? (
            <figcaption className="text-stone-600">
              {t("chat.voice.recorded", { seconds: recorder.seconds })}
            </figcaption>
          ) : null}
          <button type="button" className="link min-h-11" onClick={discard}>
            {t("chat.voice.discard")}
          </button>
        </figure>
      ) : null}
      {shown ? (
        <p id="chat-voice-error" role="alert" className="text-red-700">
          {shown}
        </p>
      ) : (
        <p id="chat-voice-hint" className="text-xs text-stone-500">
          {t("chat.voiceHint", LIMITS)}
        </p>
      )}
    </div>
  );
}
