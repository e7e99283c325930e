import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type { ListingKindName } from "~/modules/listings/listing-kinds";

/** The page around a listing's new or edit form: the kind's title for it, a notice when there is one, the form. */
export function ListingFormPage({
  kind,
  mode,
  notice,
  children,
}: {
  kind: ListingKindName;
  mode: "new" | "edit";
  /** Shown above the form, e.g. that an unverified provider can only save drafts. */
  notice?: string;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t(`${kind.ns}.${mode}Title`)}</h1>
      {notice ? (
        <p className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">{notice}</p>
      ) : null}
      {children}
    </section>
  );
}
