import { formatDateTime } from "~/i18n/format";
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
        <p>
          {t("contract.equityText", {
            amount: amount(component.valuationFen),
            enterprise: component.enterpriseName,
            percent: bpToPercentText(component.equityBp),
          })}
          {component.vestingMonths === 0
            ? t("contract.vestedAtOnce", { start: day(component.vestingStart) })
            : t("contract.vestingText", {
                start: day(component.vestingStart),
                months: component.vestingMonths,
                cliff: component.cliffMonths,
              })}
        </p>
      );
    case "REVENUE_SHARE":
      return (
        <>
          <p>
            {t("contract.revenueText", {
              period: t(`agreements.periodEach.${component.period}`),
              base: t(`agreements.base.${component.base}`),
              percent: bpToPercentText(component.shareBp),
              start: day(component.startDate),
              months: component.termMonths,
            })}
          </p>
          {component.floorFen ? (
            <p>{t("contract.floorText", { amount: amount(component.floorFen) })}</p>
          ) : null}
          {component.capFen ? <p>{t("contract.capText", { amount: amount(component.capFen) })}</p> : null}
          <p>{t("contract.reportText", { base: t(`agreements.base.${component.base}`) })}</p>
        </>
      );
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

export function SignatureBlock({
  label,
  name,
  signature,
}: {
  label: string;
  name: string;
  signature?: { name: string; signedAt: Date | string; termsHash: string };
}) {
  const { t, locale } = useT();
  return (
    <div className="break-inside-avoid space-y-1 border-t border-stone-400 pt-3 text-sm">
      <p className="font-semibold">
        {label}
        {name}
      </p>
      {signature ? (
        <>
          <p>{t("contract.signedBy", { name: signature.name })}</p>
          <p>{t("contract.signedAt", { at: formatDateTime(locale, signature.signedAt) })}</p>
          <p className="break-all font-mono text-xs">
            {t("contract.signedHash", { hash: signature.termsHash })}
          </p>
        </>
      ) : (
        <p className="pt-8">{t("contract.unsigned")}</p>
      )}
    </div>
  );
}

/** Printing needs the browser's print dialog; without JavaScript people use the browser's menu. */
export function PrintButton() {
  const { t } = useT();
  const hydrated = useHydrated();
  if (!hydrated) return <p className="text-sm text-stone-600 print:hidden">{t("contract.printHint")}</p>;
  return (
    <button type="button" onClick={() => window.print()} className="btn-secondary print:hidden">
      {t("contract.printNow")}
    </button>
  );
}
