import { useT } from "~/i18n/use-t";

/** Shown next to every organisation or person name: verified by the bureau, or not yet. */
export function VerifiedBadge({ verified, compact = false }: { verified: boolean; compact?: boolean }) {
  const { t } = useT();
  if (!verified && compact) return null;
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${
        verified ? "bg-brand-100 text-brand-800" : "bg-stone-200 text-stone-700"
      }`}
    >
      {verified ? (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3 fill-current">
          <path d="M6.5 11.2 3.3 8l1.1-1.1 2.1 2.1 5.1-5.1L12.7 5z" />
        </svg>
      ) : null}
      {verified ? t("badge.verified") : t("badge.unverified")}
    </span>
  );
}
