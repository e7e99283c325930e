import { declaredAudioType, MAX_AUDIO_BYTES } from "~/modules/uploads/limits";

/**
 * Why a voice note cannot be sent (a message key), or null: empty, over the size limit, or not a
 * recording by its declared type. The form's schema refuses with it on the server, and the
 * composer before a chosen file waits in the outbox — without shipping zod to the phone.
 */
export function voiceNoteRefusal(file: { size: number; type: string; name?: string }) {
  if (file.size === 0) return "chat.errors.audio_empty" as const;
  if (file.size > MAX_AUDIO_BYTES) return "chat.errors.audio_too_large" as const;
  if (!declaredAudioType(file)) return "chat.errors.audio_type" as const;
  return null;
}
