import { useT } from "~/i18n/use-t";

const tone = {
  success: "border-brand-600 bg-brand-50 text-brand-800",
  error: "border-red-600 bg-red-50 text-red-800",
  info: "border-sky-600 bg-sky-50 text-sky-900",
} as const;

export function ToastBanner({
  toast,
}: {
  toast: { type: keyof typeof tone; message: string; params?: Record<string, string | number> };
}) {
  // The message was put in the session by an action: a key, or text to show as it is.
  const { tMaybe } = useT();
  return (
    <p role="status" className={`mb-6 rounded-lg border-l-4 px-4 py-3 ${tone[toast.type]}`}>
      {tMaybe(toast.message, toast.params)}
    </p>
  );
}
