import { Link } from "@remix-run/react";
import type { AgreementStatus } from "~/generated/prisma/enums";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { Signatures, StatusBadge, TermsView, type SignatureView } from "./agreement-views";

/** The agreement page's heading: its number and status, and why it ended if it was terminated. */
export function AgreementHeader({
  agreement,
}: {
  agreement: {
    number: string;
    title: string;
    status: AgreementStatus;
    terminatedAt: Date | string | null;
    terminationReason: string | null;
  };
}) {
  const { t, locale } = useT();
  return (
    <header className="space-y-1">
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <Link to="/agreements" className="link">
          {t("agreements.title")}
        </Link>
        <span>·</span>
        <span>{t("agreements.number", { number: agreement.number })}</span>
        <StatusBadge status={agreement.status} />
      </p>
      <h1 className="text-2xl font-bold">{agreement.title}</h1>
      {agreement.terminatedAt ? (
        <p role="note" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
          {t("agreements.terminatedNotice", {
            date: formatDate(locale, agreement.terminatedAt),
            reason: agreement.terminationReason ?? "",
          })}
        </p>
      ) : null}
    </header>
  );
}

/** The version in force (or the last one shown), with a way to print it as a contract. */
export function TermsInForce({
  agreementId,
  version,
}: {
  agreementId: string;
  version: { version: number; terms: AgreementTerms; signatures: SignatureView[] };
}) {
  const { t } = useT();
  return (
    <section className="card space-y-4" aria-labelledby="terms">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="terms" className="text-lg font-semibold">
          {t("agreements.inForce", { version: version.version })}
        </h2>
        <Link to={`/agreements/${agreementId}/print`} className="link ml-auto text-sm">
          {t("agreements.print")}
        </Link>
      </div>
      <TermsView terms={version.terms} />
      <Signatures signatures={version.signatures} />
    </section>
  );
}
