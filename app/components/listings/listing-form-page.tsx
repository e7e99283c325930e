import type { ReactNode } from "react";

/** The page around a listing's new or edit form: its title, a notice when there is one, the form. */
export function ListingFormPage({
  title,
  notice,
  children,
}: {
  title: string;
  /** Shown above the form, e.g. that an unverified provider can only save drafts. */
  notice?: string;
  children: ReactNode;
}) {
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {notice ? (
        <p className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">{notice}</p>
      ) : null}
      {children}
    </section>
  );
}
