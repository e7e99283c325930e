import type { uploadsMessagesZh } from "./uploads.messages";

/** English for uploads.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const uploadsMessagesEn: Record<keyof typeof uploadsMessagesZh, string> = {
  "upload.error.empty": "This photo file is empty; please choose it again",
  "upload.error.too_large": "A photo can be at most {mb} MB",
  "upload.error.too_many_pixels": "This photo is too large; at most {megapixels} megapixels",
  "upload.error.unsupported_type": "Only JPG, PNG or WebP photos are supported",
  "upload.error.too_many": "Upload at most {max} photos",
  "upload.error.field_too_large": "The text you sent is too long",
  "upload.error.malformed": "The upload did not finish; please send it again",
  "upload.photos": "Photos",
  "upload.photosHint": "Up to {max}, each at most {mb} MB; JPG, PNG or WebP",
  "upload.progress.preparing": "Getting the upload ready…",
  "upload.progress.sending": "Uploading {percent}%",
  "upload.progress.dropped": "Connection lost — everything you entered is still here",
  "upload.progress.retry": "Retry",
};
