import { Link } from "@remix-run/react";

/**
 * A list page's title with, beside it, the link that adds to the list (when the viewer may add).
 * `secondary` gives the link the quieter button style.
 */
export function PageHeader({
  title,
  link,
  secondary = false,
}: {
  title: string;
  link?: { to: string; label: string } | null;
  secondary?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-2xl font-bold">{title}</h1>
      {link ? (
        <Link to={link.to} className={secondary ? "btn-secondary" : "btn-primary"}>
          {link.label}
        </Link>
      ) : null}
    </div>
  );
}
