import { intlTag } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { fenToChineseCapital } from "~/modules/agreements/chinese-numbers";
import { bpToPercentText, type ComponentTerms } from "~/modules/agreements/terms";
import { useHydrated } from "~/utils/use-hydrated";
import { useDay } from "./agreement-views";

/** Contract clauses: amounts in figures and in Chinese capitals, as a contract writes them. */

export function useAmount() {
  const { t, locale } = useT();
  const figures = new Intl.NumberFormat(intlTag(locale), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return (fen: number) =>
    t("contract.amount", {
      figures: figures.format(fen / 100),
      capitals: fenToChineseCapital(Math.max(0, fen)),
    });
}

export function ComponentClauses({
  component,
  firstPosition,
}: {
  component: ComponentTerms;
  firstPosition: number;
}) {
  const { t } = useT();
  const day = useDay();
  const amount = useAmount();
  switch (component.type) {
    case "TECH_CONTRACT":
    case "PAID_SERVICE":
      return (
        <>
          {component.type === "PAID_SERVICE" ? (
            <p className="whitespace-pre-line">
              {t("contract.serviceText", { description: component.description })}
            </p>
          ) : null}
          <p>{t("contract.feeText", { amount: amount(component.feeFen) })}</p>
          <ol className="space-y-2 pl-4">
            {component.milestones.map((milestone, index) => (
              <li key={index}>
                {t("contract.milestoneText", {
                  n: firstPosition + index,
                  title: milestone.title,
                  amount: amount(milestone.amountFen),
                  deliverables: milestone.deliverables,
                  criteria: milestone.acceptanceCriteria,
                  due: milestone.dueDate ? day(milestone.dueDate) : t("contract.noDueDate"),
                })}
              </li>
            ))}
          </ol>
        </>
      );
    case "TECH_EQUITY":
      return (
        <>
          <p>
            {t("contract.equityText", {
              amount: amount(component.valuationFen),
              enterprise: component.enterpriseName,
              percent: bpToPercentText(component.equityBp),
            })}
          </p>
          <p>
            {component.vestingMonths === 0
              ? t("contract.vestedAtOnce", { start: day(component.vestingStart) })
              : t("contract.vestingText", {
                  start: day(component.vestingStart),
                  months: component.vestingMonths,
                  cliff: component.cliffMonths,
                })}
          </p>
          <p>{t("contract.equityWarranty", { enterprise: component.enterpriseName })}</p>
          <p>{t("contract.equityRegistration", { enterprise: component.enterpriseName })}</p>
        </>
      );
    case "REVENUE_SHARE": {
      const base = t(`agreements.base.${component.base}`);
      return (
        <>
          <p>{t("contract.revenueBase", { base, percent: bpToPercentText(component.shareBp) })}</p>
          <p>{t("contract.settlementPeriod", { period: t(`agreements.period.${component.period}`) })}</p>
          <p>
            {t("contract.revenueTerm", { start: day(component.startDate), months: component.termMonths })}
          </p>
          <p>
            {component.floorFen
              ? t("contract.floorText", { amount: amount(component.floorFen) })
              : t("contract.noFloor")}
          </p>
          <p>
            {component.capFen
              ? t("contract.capText", { amount: amount(component.capFen) })
              : t("contract.noCap")}
          </p>
          <p>{t("contract.reportText", { base })}</p>
          <p>{t("contract.auditText", { base })}</p>
        </>
      );
    }
    case "GRANT_FUNDED":
      return (
        <p>
          {t("contract.grantText", {
            programme: component.programmeName,
            amount: amount(component.amountFen),
          })}
        </p>
      );
  }
}

/**
 * The PDF is the browser's own: its print dialog saves A4 pages with the fonts the reader has
 * (docs/decisions/027-contract-texts.md). Without JavaScript people use the browser's menu.
 */
export function PrintButton() {
  const { t } = useT();
  const hydrated = useHydrated();
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      {hydrated ? (
        <button type="button" onClick={() => window.print()} className="btn-primary">
          {t("contract.printNow")}
        </button>
      ) : null}
      <p className="text-sm text-stone-600">{hydrated ? t("contract.pdfHint") : t("contract.printHint")}</p>
    </div>
  );
}
