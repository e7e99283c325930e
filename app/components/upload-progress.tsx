import { useSyncExternalStore } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";
import { retryUpload, subscribeUploads, uploadStateOf } from "~/utils/upload-submit";

const idle = () => undefined;

/**
 * How far the upload of one form has got (app/utils/upload-submit.ts): shrinking the photos, a
 * bar with the share sent, or — when the link dropped — 网络中断 and a 重试 button that sends
 * the same body again. Renders nothing while no upload runs (and always on the server).
 */
export function UploadProgress({ submissionKey }: { submissionKey: string }) {
  const { t } = useT();
  // Shown when the link drops: the rest of the catalogue may not arrive then.
  useClientMessages(
    "upload.progress.preparing",
    "upload.progress.sending",
    "upload.progress.dropped",
    "upload.progress.retry",
  );
  const state = useSyncExternalStore(subscribeUploads, () => uploadStateOf(submissionKey), idle);
  if (!state) return null;
  if (state.phase === "dropped") {
    return (
      <div
        role="alert"
        className="flex items-center justify-between gap-3 rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-2"
      >
        <span className="text-amber-900">{t("upload.progress.dropped")}</span>
        <button type="button" className="btn-primary" onClick={() => retryUpload(submissionKey)}>
          {t("upload.progress.retry")}
        </button>
      </div>
    );
  }
  const percent = state.phase === "sending" ? Math.floor((state.sent / state.total) * 100) : 0;
  const label =
    state.phase === "sending" ? t("upload.progress.sending", { percent }) : t("upload.progress.preparing");
  return (
    <div className="space-y-1">
      <p role="status" className="text-sm text-stone-700">
        {label}
      </p>
      {/* The bar counts bytes: its maximum is the size of the body as it leaves the phone. */}
      <progress
        className="h-2 w-full"
        aria-label={label}
        max={state.phase === "sending" ? state.total : undefined}
        value={state.phase === "sending" ? state.sent : undefined}
      />
    </div>
  );
}
