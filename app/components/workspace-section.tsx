import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A section of the workspace: its heading with a link beside it (see all, post one), then its
 * content, or a short message when there is nothing to show.
 */
export function WorkspaceSection({
  id,
  title,
  link,
  empty,
  children,
}: {
  /** The heading's id, which labels the section. */
  id: string;
  title: string;
  /** Where the heading's link goes and what it says; a primary link is drawn as a button. */
  link: { to: string; label: string; primary?: boolean };
  /** Shown instead of the content when set. */
  empty?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-xl font-semibold">
          {title}
        </h2>
        <Link to={link.to} className={link.primary ? "btn-primary" : "link"}>
          {link.label}
        </Link>
      </div>
      {empty ? <p className="card text-stone-600">{empty}</p> : children}
    </section>
  );
}
