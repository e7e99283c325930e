/*
 * Photos leave a phone the cheap way: shrunk on the device first (a 12-megapixel photo is 4 MB;
 * at 1,600 px on the long side it is about 300 KB), then sent with a progress report.
 */

const LONG_SIDE_PX = 1600;
const JPEG_QUALITY = 0.8;
/** Below this a photo is sent as it is: shrinking it would gain little. */
const SMALL_BYTES = 350 * 1024;

/** The photo at most 1,600 px on its long side, as JPEG; the original where that is not smaller. */
export async function shrinkImage(file: Blob): Promise<Blob> {
  if (typeof createImageBitmap !== "function" || typeof document === "undefined") return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file; // not a picture the browser can read: the server says what is wrong with it
  }
  const scale = Math.min(1, LONG_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= SMALL_BYTES) return file;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const shrunk = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY),
  );
  return shrunk && shrunk.size < file.size ? shrunk : file;
}

export type UploadAnswer =
  /** `errorKey`: the message key of a refusal, from the X-Error-Key header. */
  | { kind: "answered"; status: number; errorKey: string | null }
  /** The link dropped or timed out before an answer came. */
  | { kind: "dropped" };

/** POSTs a form with progress reports (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadForm(
  url: string,
  form: FormData,
  onProgress: (share: number) => void,
  timeoutMs = 120_000,
): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.timeout = timeoutMs;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () =>
      resolve({
        kind: "answered",
        status: request.status,
        errorKey: request.getResponseHeader("X-Error-Key"),
      });
    request.onerror = () => resolve({ kind: "dropped" });
    request.ontimeout = () => resolve({ kind: "dropped" });
    request.onabort = () => resolve({ kind: "dropped" });
    request.send(form);
  });
}
