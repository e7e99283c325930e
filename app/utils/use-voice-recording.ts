import { useEffect, useRef, useState } from "react";
import { useHydrated } from "./use-hydrated";

/** The longest voice note: a minute of speech says a problem and stays small. */
export const MAX_VOICE_SECONDS = 60;
/** Speech at 16 kbit/s Opus is clear and about 120 kB a minute: cheap to send on a weak signal. */
const VOICE_BITS_PER_SECOND = 16_000;
// What browsers record, smallest first; Safari records only MP4.
const RECORDING_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

/** A recording in a file input, so the form posts it like a chosen file; empties it with none. */
export function putInFileInput(input: HTMLInputElement | null, file: File | null) {
  if (!input) return;
  if (!file) {
    input.value = "";
    return;
  }
  // DataTransfer is the one way to set a file input's files from script.
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
}

export type RecordingState = "idle" | "recording" | "recorded" | "unavailable";

function recordingType(): string | undefined {
  return RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported?.(type));
}

function extensionOf(type: string): string {
  return type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
}

/**
 * Records a voice note from the microphone: tap to start, tap to stop (or it stops by itself at
 * `maxSeconds`), then replay or discard. `canRecord` is false until the page is hydrated and where
 * the browser has no MediaRecorder or microphone access; `state` becomes "unavailable" when the
 * microphone is refused. `onRecorded` gets the recording as a file ready for a form.
 */
export function useVoiceRecording({
  onRecorded,
  maxSeconds = MAX_VOICE_SECONDS,
}: {
  onRecorded?: (file: File) => void;
  maxSeconds?: number;
} = {}) {
  const hydrated = useHydrated();
  const recorder = useRef<MediaRecorder | null>(null);
  const recorded = useRef(onRecorded);
  recorded.current = onRecorded;
  const [state, setState] = useState<RecordingState>("idle");
  const [seconds, setSeconds] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState<string | null>(null);

  // The replay URL is freed when it is replaced or the page goes.
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);
  // The microphone is released when the component goes, even mid-recording.
  useEffect(
    () => () => {
      const media = recorder.current;
      if (media) media.onstop = null;
      if (media?.state === "recording") media.stop();
      media?.stream.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  useEffect(() => {
    if (state !== "recording") return;
    const started = Date.now();
    const timer = window.setInterval(() => {
      const elapsed = Math.min(maxSeconds, Math.floor((Date.now() - started) / 1000));
      setSeconds(elapsed);
      if (elapsed >= maxSeconds && recorder.current?.state === "recording") recorder.current.stop();
    }, 250);
    return () => window.clearInterval(timer);
  }, [state, maxSeconds]);

  const canRecord =
    hydrated &&
    typeof window !== "undefined" &&
    "MediaRecorder" in window &&
    Boolean(navigator.mediaDevices?.getUserMedia);

  async function start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const mimeType = recordingType();
      const media = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: VOICE_BITS_PER_SECOND });
      media.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        const type = media.mimeType || mimeType || "audio/webm";
        const recording = new File(chunks, `voice.${extensionOf(type)}`, { type });
        setFile(recording);
        setUrl(URL.createObjectURL(recording));
        setState("recorded");
        recorded.current?.(recording);
      };
      recorder.current = media;
      setSeconds(0);
      media.start();
      setState("recording");
    } catch {
      setState("unavailable");
    }
  }

  function stop() {
    if (recorder.current?.state === "recording") recorder.current.stop();
  }

  function discard() {
    setFile(null);
    setUrl(null);
    setSeconds(0);
    setState("idle");
  }

  return { canRecord, state, seconds, file, url, start, stop, discard };
}
