import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { chineseOrdinal } from "~/modules/agreements/chinese-numbers";
import { plannedMilestones, type AgreementTerms } from "~/modules/agreements/terms";
import { useDay } from "./agreement-views";
import { ComponentClauses } from "./contract-print";

function Article({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  const { t, locale } = useT();
  return (
    <section className="break-inside-avoid space-y-2">
      <h2 className="font-bold">
        {t("contract.article", { n: locale === "zh" ? chineseOrdinal(number) : number })} {title}
      </h2>
      <div className="space-y-2 leading-7">{children}</div>
    </section>
  );
}

/**
 * The contract's numbered articles: subject and period, a clause per component of the
 * arrangement, payment when there are milestones, special terms when agreed, and the standing
 * articles on changes, disputes and signing.
 */
export function ContractArticles({
  terms,
  version,
}: {
  terms: AgreementTerms;
  version: { version: number; termsHash: string };
}) {
  const { t } = useT();
  const day = useDay();
  const hasMilestones = plannedMilestones(terms).length > 0;
  const articles: { title: string; body: ReactNode }[] = [
    { title: t("contract.subject"), body: <p>{t("contract.subjectText", { title: terms.title })}</p> },
    {
      title: t("contract.period"),
      body: <p>{t("contract.periodText", { start: day(terms.startDate), end: day(terms.endDate) })}</p>,
    },
    ...terms.components.map((component, index) => ({
      title: t(`arrangement.${component.type}`),
      body: (
        <ComponentClauses
          component={component}
          firstPosition={
            plannedMilestones({ ...terms, components: terms.components.slice(0, index) }).length + 1
          }
        />
      ),
    })),
    ...(hasMilestones
      ? [
          {
            title: t("contract.payment"),
            body: <p>{t("contract.paymentText", { days: terms.reviewWindowDays })}</p>,
          },
        ]
      : []),
    ...(terms.specialTerms
      ? [
          {
            title: t("agreements.field.specialTerms"),
            body: <p className="whitespace-pre-line">{terms.specialTerms}</p>,
          },
        ]
      : []),
    { title: t("contract.changes"), body: <p>{t("contract.changesText")}</p> },
    { title: t("contract.disputes"), body: <p>{t("contract.disputesText")}</p> },
    {
      title: t("contract.signing"),
      body: (
        <p className="break-all">
          {t("contract.signingText", { version: version.version, hash: version.termsHash })}
        </p>
      ),
    },
  ];
  return (
    <>
      {articles.map((article, index) => (
        <Article key={index} number={index + 1} title={article.title}>
          {article.body}
        </Article>
      ))}
    </>
  );
}
