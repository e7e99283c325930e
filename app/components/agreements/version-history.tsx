import { Link } from "@remix-run/react";
import type { AgreementVersionStatus } from "~/generated/prisma/enums";
import { StatusBadge } from "~/components/agreements/agreement-views";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

type DateLike = Date | string;

interface VersionSummary {
  version: number;
  status: AgreementVersionStatus;
  signedAt: DateLike | null;
  proposedAt: DateLike | null;
  createdAt: DateLike;
  note: string | null;
}

/** Every version of an agreement, each linking to its full text, dated by when it was signed or proposed. */
export function VersionHistory({
  agreementId,
  versions,
}: {
  agreementId: string;
  versions: VersionSummary[];
}) {
  const { t, locale } = useT();
  return (
    <section className="card space-y-2" aria-labelledby="history">
      <h2 id="history" className="font-semibold">
        {t("agreements.history")}
      </h2>
      <ul className="space-y-1 text-sm">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-center gap-2">
            <Link to={`/agreements/${agreementId}/versions/${v.version}`} className="link">
              {t("agreements.versionLabel", { version: v.version })}
            </Link>
            <StatusBadge status={v.status} kind="version" />
            <span className="text-stone-600">
              {formatDate(locale, v.signedAt ?? v.proposedAt ?? v.createdAt)}
            </span>
            {v.note ? <span className="text-stone-700">{v.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
