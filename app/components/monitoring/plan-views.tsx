import { Link } from "@remix-run/react";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { BudgetLine, PlanContent, PlanDiff } from "~/modules/monitoring/monitoring.budget";

/** A plan's budget lines and their total. */
export function BudgetTable({ lines }: { lines: readonly BudgetLine[] }) {
  const { t, locale } = useT();
  const total = lines.reduce((sum, line) => sum + line.amountFen, 0);
  return (
    <table className="w-full text-left">
      <tbody>
        {lines.map((line) => (
          <tr key={line.category} className="border-b border-stone-100">
            <th scope="row" className="py-1 font-normal">
              {t(`monitoring.category.${line.category}`)}
            </th>
            <td className="py-1 text-right tabular-nums">{formatMoney(locale, line.amountFen)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="py-1">
            {t("monitoring.total")}
          </th>
          <td className="py-1 text-right font-semibold tabular-nums">{formatMoney(locale, total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** What a plan holds besides money: scope, end date, milestones, team, suppliers. */
export function PlanFacts({ plan }: { plan: PlanContent }) {
  const { t, locale } = useT();
  return (
    <dl className="space-y-1 text-sm">
      {plan.scope ? <dd className="whitespace-pre-line">{plan.scope}</dd> : null}
      {plan.endsOn ? (
        <dd>{t("monitoring.endsOn", { date: formatDate(locale, new Date(plan.endsOn)) })}</dd>
      ) : null}
      {plan.milestones.map((milestone) => (
        <dd key={`${milestone.dueOn}${milestone.title}`}>
          {milestone.dueOn} · {milestone.title}
        </dd>
      ))}
      {plan.team.length ? <dd>{t("monitoring.teamList", { names: plan.team.join("、") })}</dd> : null}
      {plan.suppliers.length ? (
        <dd>{t("monitoring.supplierList", { names: plan.suppliers.join("、") })}</dd>
      ) : null}
    </dl>
  );
}

/** The differences between two versions, line by line and field by field. */
export function PlanDiffView({ diff }: { diff: PlanDiff }) {
  const { t, locale } = useT();
  const none = t("monitoring.none");
  return (
    <ul className="list-inside list-disc space-y-1 text-sm">
      {diff.lines.map((line) => (
        <li key={line.category}>
          {t(`monitoring.category.${line.category}`)}: {formatMoney(locale, line.beforeFen)} →{" "}
          {formatMoney(locale, line.afterFen)}
        </li>
      ))}
      {diff.scope ? <li>{t("monitoring.diff.scope", { after: diff.scope.after })}</li> : null}
      {diff.endsOn ? (
        <li>
          {t("monitoring.diff.endsOn", {
            before: diff.endsOn.before ?? none,
            after: diff.endsOn.after ?? none,
          })}
        </li>
      ) : null}
      {diff.milestones ? (
        <li>
          {t("monitoring.diff.milestones", {
            after: diff.milestones.after.map((m) => `${m.dueOn} ${m.title}`).join("；") || none,
          })}
        </li>
      ) : null}
      {diff.team ? (
        <li>
          {t("monitoring.diff.team", {
            added: diff.team.added.join("、") || none,
            removed: diff.team.removed.join("、") || none,
          })}
        </li>
      ) : null}
      {diff.suppliers ? (
        <li>
          {t("monitoring.diff.suppliers", {
            added: diff.suppliers.added.join("、") || none,
            removed: diff.suppliers.removed.join("、") || none,
          })}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * On the bureau's application page, beside the evaluation: the approved version the project is
 * held to and evaluated against, with its budget lines.
 */
export function ApprovedPlanCard({
  applicationId,
  plan,
}: {
  applicationId: string;
  plan: (PlanContent & { version: number }) | null;
}) {
  const { t } = useT();
  return (
    <div className="card space-y-2">
      <h2 className="font-semibold">
        {plan ? t("monitoring.approvedVersion", { version: plan.version }) : t("monitoring.noApprovedPlan")}
      </h2>
      {plan ? <BudgetTable lines={plan.budgetLines} /> : null}
      <p className="flex flex-wrap gap-4">
        <Link to={`/programmes/applications/${applicationId}/plan`} className="link">
          {t("monitoring.planLink")}
        </Link>
        <Link to={`/programmes/applications/${applicationId}/reports`} className="link">
          {t("monitoring.reportsLink")}
        </Link>
      </p>
    </div>
  );
}

/** On the project's own application page: where its plan, changes and reports are. */
export function ProjectMonitoringLinks({ applicationId, status }: { applicationId: string; status: string }) {
  const { t } = useT();
  if (!["APPROVED", "DISBURSED", "EVALUATED"].includes(status)) return null;
  return (
    <div className="card space-y-2">
      <h2 className="font-semibold">{t("monitoring.projectTitle")}</h2>
      <p>{t("monitoring.projectHint")}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        <Link to={`/programmes/applications/${applicationId}/plan`} className="btn-secondary w-full">
          {t("monitoring.planLink")}
        </Link>
        <Link to={`/programmes/applications/${applicationId}/reports`} className="btn-secondary w-full">
          {t("monitoring.reportsLink")}
        </Link>
      </div>
    </div>
  );
}
