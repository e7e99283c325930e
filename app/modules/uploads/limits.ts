/** Upload limits, shared by the browser (hints, early checks) and the server (enforcement). */
export const MIB = 1024 * 1024;
export const MAX_IMAGE_BYTES = 8 * MIB;
