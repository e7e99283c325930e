import { Link } from "@remix-run/react";
import { Highlight } from "~/components/search/highlight";
import { VerifiedBadge } from "~/components/verified-badge";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";

export interface ExpertResultData {
  userId: string;
  title: string | null;
  specialties: string;
  isCommissioner: boolean;
  countiesServed: string[];
  user: { displayName: string; verifiedAt: Date | string | null };
  affiliation: { name: string } | null;
}

/** One expert among search results, the query's words marked. */
export function ExpertResult({ expert, terms }: { expert: ExpertResultData; terms: readonly string[] }) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <Link to={`/experts/${expert.userId}`} className="text-lg font-semibold hover:underline">
          <Highlight text={expert.user.displayName} terms={terms} />
        </Link>
        <VerifiedBadge verified={Boolean(expert.user.verifiedAt)} compact />
        {expert.isCommissioner ? (
          <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
            {t("badge.commissioner")}
          </span>
        ) : null}
      </p>
      <p className="text-sm text-stone-700">
        {[expert.title, expert.affiliation?.name].filter(Boolean).join(" · ")}
      </p>
      <p className="text-sm">
        <Highlight text={expert.specialties} terms={terms} limit={120} />
      </p>
      <p className="text-sm text-stone-600">
        {expert.countiesServed.map((code) => countyName(code, locale)).join("、")}
      </p>
    </li>
  );
}
