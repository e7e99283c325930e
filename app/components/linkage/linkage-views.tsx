import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { LinkageRow } from "~/modules/linkage/linkage.server";
import { fenToYuanText } from "~/utils/money";

/** A household as linkage pages show it: the county's number and the head's masked name. */
export function HouseholdLabel({ household }: { household: LinkageRow["household"] }) {
  const { t } = useT();
  return <>{t("linkage.householdMasked", { code: household.code, name: household.headName })}</>;
}

/** Linkages as cards: mechanism, household, organisation (for overseers), dates and what was paid. */
export function LinkageList({
  rows,
  showOrganisation = false,
}: {
  rows: LinkageRow[];
  showOrganisation?: boolean;
}) {
  const { t } = useT();
  return (
    <ul className="space-y-2" data-testid="linkage-list">
      {rows.map((row) => (
        <li key={row.id} className="card space-y-1 p-3">
          <Link to={`/linkage/${row.id}`} className="link font-medium">
            {t(`linkage.mechanism.${row.mechanism}`)} · <HouseholdLabel household={row.household} />
          </Link>
          {showOrganisation ? <p className="text-sm">{row.organisation.name}</p> : null}
          <p className="text-sm text-stone-600">
            {t("linkage.started", { date: row.startedOn })}
            {" · "}
            {row.endedOn ? t("linkage.endedOn", { date: row.endedOn }) : t("linkage.open")}
          </p>
          <p className="text-sm">
            {t("linkage.paid", { amount: fenToYuanText(row.paidFen), count: row.payments })}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** On the bureau's evaluation page of a project whose programme requires benefit linkage. */
export function ProjectLinkagePanel({
  linkages,
  paymentsDuring,
  paidFen,
}: {
  linkages: LinkageRow[];
  paymentsDuring: number;
  paidFen: number;
}) {
  const { t } = useT();
  return (
    <section className="card space-y-2" aria-labelledby="project-linkage" data-testid="project-linkage">
      <h2 id="project-linkage" className="font-semibold">
        {t("linkage.evaluation.title")}
      </h2>
      {paymentsDuring === 0 ? (
        <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("linkage.evaluation.required")}
        </p>
      ) : (
        <p>{t("linkage.evaluation.summary", { count: paymentsDuring, amount: fenToYuanText(paidFen) })}</p>
      )}
      {linkages.length === 0 ? <p>{t("linkage.evaluation.none")}</p> : <LinkageList rows={linkages} />}
    </section>
  );
}
