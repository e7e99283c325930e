import { useEffect, useRef, useState } from "react";
import { ErrorList } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { MAX_AUDIO_BYTES } from "~/modules/uploads/limits";
import { useHydrated } from "~/utils/use-hydrated";

export const MAX_VOICE_SECONDS = 60;

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
  const hydrated = useHydrated();
  const input = useRef<HTMLInputElement>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const [state, setState] = useState<"idle" | "recording" | "recorded" | "unavailable">("idle");
  const [seconds, setSeconds] = useState(0);
  const [url, setUrl] = useState<string | null>(null);

  // Release the microphone and the replay URL when the form goes away.
  useEffect(
    () => () => {
      recorder.current?.stream.getTracks().forEach((track) => track.stop());
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  useEffect(() => {
    if (state !== "recording") return;
    const started = Date.now();
    const timer = window.setInterval(() => {
      const elapsed = Math.floor((Date.now() - started) / 1000);
      setSeconds(elapsed);
      if (elapsed >= MAX_VOICE_SECONDS) recorder.current?.stop();
    }, 250);
    return () => window.clearInterval(timer);
  }, [state]);

  const canRecord =
    hydrated &&
    typeof window !== "undefined" &&
    "MediaRecorder" in window &&
    Boolean(navigator.mediaDevices?.getUserMedia);

  async function start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        const type = media.mimeType || "audio/webm";
        const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
        const file = new File(chunks, `voice.${extension}`, { type });
        // DataTransfer is the one way to set a file input's files from script.
        const transfer = new DataTransfer();
        transfer.items.add(file);
        if (input.current) input.current.files = transfer.files;
        setUrl(URL.createObjectURL(file));
        setState("recorded");
      };
      recorder.current = media;
      setSeconds(0);
      media.start();
      setState("recording");
    } catch {
      setState("unavailable");
    }
  }

  function discard() {
    if (input.current) input.current.value = "";
    setUrl(null);
    setSeconds(0);
    setState("idle");
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium text-stone-800">
        {label}
      </label>
      {canRecord && state !== "unavailable" ? (
        <div className="flex flex-wrap items-center gap-2">
          {state === "recording" ? (
            <>
              <button type="button" className="btn-primary" onClick={() => recorder.current?.stop()}>
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
              <button type="button" className="btn-secondary" onClick={discard}>
                {t("reach.voice.discard")}
              </button>
            </>
          ) : (
            <button type="button" className="btn-secondary" onClick={start}>
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
