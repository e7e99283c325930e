/** Upload limits, shared by the browser (hints, early checks) and the server (enforcement). */
export const MIB = 1024 * 1024;
export const MAX_IMAGE_BYTES = 8 * MIB;
/** A voice note: a minute of speech from a phone is well under this. */
export const MAX_AUDIO_BYTES = 2 * MIB;
