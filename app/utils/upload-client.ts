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

/**
 * The form with every photo in it shrunk (`shrinkImage`), other fields and files (a voice note is
 * already compressed by the recorder) as they are, in the same order.
 */
export async function shrinkPhotos(form: FormData): Promise<FormData> {
  const shrunk = new FormData();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" || !value.type.startsWith("image/") || value.size === 0) {
      shrunk.append(name, value);
      continue;
    }
    const photo = await shrinkImage(value);
    const renamed = photo === value ? value.name : value.name.replace(/\.[^.]*$/, "") + ".jpg";
    shrunk.append(name, photo, renamed);
  }
  return shrunk;
}

/** Whether a form carries a file (a photo or a voice note): only those are worth a progress bar. */
export function carriesFiles(form: FormData): boolean {
  return [...form.values()].some((value) => typeof value !== "string" && value.size > 0);
}

export type UploadAnswer =
  /** `errorKey`: the message key of a refusal, from the X-Error-Key header. */
  | { kind: "answered"; status: number; errorKey: string | null; body: Blob }
  /** The link dropped, or stalled, before an answer came. */
  | { kind: "dropped" };

export interface UploadOptions {
  /** Bytes of the body sent so far and in all. */
  onProgress: (sent: number, total: number) => void;
  /** Ends the upload (the person left the page); it answers as dropped. */
  signal?: AbortSignal;
  /**
   * A link that sends nothing for this long is taken as dropped. Not a limit on the whole
   * upload: a big photo on a slow link may take minutes while bytes still move.
   */
  stallMs?: number;
  /** How long the server may take to answer once the body is sent. */
  answerMs?: number;
}

/**
 * POSTs a form, reporting progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Sending the same FormData again sends the same fields and files.
 */
export function sendForm(
  url: string,
  form: FormData,
  { onProgress, signal, stallMs = 30_000, answerMs = 90_000 }: UploadOptions,
): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => request.abort(), ms);
    };
    const abort = () => request.abort();
    const finish = (answer: UploadAnswer) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      window.removeEventListener("offline", abort);
      resolve(answer);
    };
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.responseType = "blob";
    request.upload.onprogress = (event) => {
      wait(stallMs);
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded, event.total);
    };
    request.upload.onload = () => wait(answerMs);
    request.onload = () =>
      finish({
        kind: "answered",
        status: request.status,
        errorKey: request.getResponseHeader("X-Error-Key"),
        body: request.response as Blob,
      });
    request.onerror = () => finish({ kind: "dropped" });
    request.onabort = () => finish({ kind: "dropped" });
    if (signal?.aborted) return finish({ kind: "dropped" });
    signal?.addEventListener("abort", abort);
    // The phone knows its signal is gone long before a stalled connection times out.
    window.addEventListener("offline", abort);
    wait(stallMs);
    request.send(form);
  });
}

/** POSTs a form with progress reports as a share of the body (0–1). */
export function uploadForm(
  url: string,
  form: FormData,
  onProgress: (share: number) => void,
): Promise<UploadAnswer> {
  return sendForm(url, form, { onProgress: (sent, total) => onProgress(sent / total) });
}
