import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

/*
 * A listing (an offer or a space's service) in a list: its label and publication date, the title
 * linking to its page, its facts and who provides it. Each kind passes its words' namespace and
 * its own label, title, facts and provider.
 */
export function ListingCard({
  ns,
  href,
  publishedAt,
  label,
  title,
  facts,
  provider,
}: {
  ns: "offers" | "spaces";
  href: string;
  publishedAt: Date | string | null;
  label: ReactNode;
  title: ReactNode;
  facts: ReactNode;
  provider: ReactNode;
}) {
  const { t, locale } = useT();
  return (
    <article className="card space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {label}
        {publishedAt ? (
          <span className="text-xs text-stone-600">
            {t(`${ns}.publishedOn`, { date: formatDate(locale, publishedAt) })}
          </span>
        ) : null}
      </div>
      <h2 className="text-lg font-semibold leading-snug">
        <Link to={href} className="hover:underline">
          {title}
        </Link>
      </h2>
      {facts}
      <p className="text-sm">
        <span className="text-stone-600">{t(`${ns}.provider`)}：</span>
        {provider}
      </p>
    </article>
  );
}
