/** Upload limits, shared by the browser (hints, early checks) and the server (enforcement). */
export const MIB = 1024 * 1024;
export const MAX_IMAGE_BYTES = 8 * MIB;
/** A voice note: a minute of speech from a phone is well under this. */
export const MAX_AUDIO_BYTES = 2 * MIB;

/** The recordings a voice note may be: what browsers record (WebM/Ogg Opus, MP4) and phones save. */
export const AUDIO_TYPES = ["audio/webm", "audio/ogg", "audio/mp4", "audio/mpeg", "audio/wav"] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

// Other names phones and browsers give the same formats.
const AUDIO_ALIASES: Record<string, AudioType> = {
  "audio/x-m4a": "audio/mp4",
  "audio/m4a": "audio/mp4",
  "audio/mp3": "audio/mpeg",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "audio/opus": "audio/ogg",
};

const AUDIO_EXTENSIONS: Record<string, AudioType> = {
  webm: "audio/webm",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  m4a: "audio/mp4",
  mp3: "audio/mpeg",
  wav: "audio/wav",
};

/**
 * The allowed audio type a file says it is ("audio/webm;codecs=opus" is WebM; a phone that names no
 * type is taken at the file's extension), or null. The server checks the bytes again (sniffAudioType).
 */
export function declaredAudioType(file: { type: string; name?: string }): AudioType | null {
  const base = file.type.split(";")[0]!.trim().toLowerCase();
  if ((AUDIO_TYPES as readonly string[]).includes(base)) return base as AudioType;
  if (AUDIO_ALIASES[base]) return AUDIO_ALIASES[base];
  if (base !== "" && base !== "application/octet-stream") return null;
  return AUDIO_EXTENSIONS[file.name?.split(".").pop()?.toLowerCase() ?? ""] ?? null;
}
