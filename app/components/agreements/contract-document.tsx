import type { ReactNode } from "react";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { chineseOrdinal } from "~/modules/agreements/chinese-numbers";
import {
  bpToPercentText,
  contractClauses,
  plannedMilestones,
  type AgreementTerms,
  type ComponentType,
} from "~/modules/agreements/terms";
import type { AgreementParty } from "~/generated/prisma/enums";
import { useDay } from "./agreement-views";
import { ComponentClauses, useAmount } from "./contract-print";

/**
 * The contract as printed, modelled on the Ministry of Science and Technology's model texts for
 * technology contracts and the Civil Code's chapter on them (docs/decisions/027-contract-texts.md):
 * the parties in full, the subject, each component's clauses, payment through escrow, acceptance,
 * confidentiality, intellectual property, liability for breach, disputes, and signature lines.
 * It states only what the platform knows: a detail nobody entered reads "not provided", and each
 * signer's verification is shown as it is.
 */

export interface ContractPartyView {
  organisation: {
    name: string;
    creditCode: string | null;
    address: string | null;
    legalRepresentative: string | null;
    verified: boolean;
  } | null;
  person: { name: string; verified: boolean; idLast4: string | null };
}

export interface ContractView {
  number: string;
  version: {
    version: number;
    status: string;
    termsHash: string;
    terms: AgreementTerms;
    signatures: { party: AgreementParty; name: string; verified: boolean; signedAt: Date | string }[];
  };
  payer: ContractPartyView;
  payee: ContractPartyView;
}

const KIND = {
  TECH_CONTRACT: "service",
  PAID_SERVICE: "service",
  TECH_EQUITY: "equity",
  REVENUE_SHARE: "revenue",
  GRANT_FUNDED: "grant",
} as const satisfies Record<ComponentType, string>;

/** The contract's name from its components: 技术服务合同, 技术入股协议, or a composite title. */
export function useContractHeading() {
  const { t } = useT();
  return (terms: AgreementTerms) => {
    const kinds = [...new Set(terms.components.map((component) => KIND[component.type]))];
    if (kinds.length === 1) return t(`contract.heading.${kinds[0]!}`);
    const names = kinds.map((kind) => t(`contract.kind.${kind}`));
    return t("contract.heading.composite", {
      first: names.slice(0, -1).join(t("contract.listSeparator")),
      last: names.at(-1)!,
    });
  };
}

function Article({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  const { t, locale } = useT();
  return (
    <section className="contract-clause space-y-2">
      <h2 className="font-bold">
        {t("contract.article", { n: locale === "zh" ? chineseOrdinal(number) : number })} {title}
      </h2>
      <div className="space-y-2 leading-7">{children}</div>
    </section>
  );
}

function Detail({ label, value }: { label: string; value: string | null }) {
  const { t } = useT();
  return (
    <p>
      {label}
      {value ?? t("contract.notProvided")}
    </p>
  );
}

function verification(t: ReturnType<typeof useT>["t"], verified: boolean) {
  return verified ? t("contract.verified") : t("contract.unverified");
}

function PartyDetails({ role, party }: { role: AgreementParty; party: ContractPartyView }) {
  const { t } = useT();
  const { organisation, person } = party;
  return (
    <div className="contract-clause space-y-1">
      <p className="font-semibold">
        {t(`contract.party.${role}`)}
        {organisation ? organisation.name : person.name}
        {organisation ? `（${verification(t, organisation.verified)}）` : ""}
      </p>
      <div className="space-y-0.5 pl-4 text-sm leading-6">
        {organisation ? (
          <>
            <Detail label={t("contract.creditCode")} value={organisation.creditCode} />
            <Detail label={t("contract.address")} value={organisation.address} />
            <Detail label={t("contract.legalRepresentative")} value={organisation.legalRepresentative} />
            <p>
              {t("contract.agent")}
              {person.name}（{verification(t, person.verified)}）
            </p>
          </>
        ) : (
          <>
            <p>{t("contract.personVerification", { status: verification(t, person.verified) })}</p>
            <Detail
              label={t("contract.idNumber")}
              value={person.idLast4 ? `${"*".repeat(14)}${person.idLast4}` : null}
            />
            <Detail label={t("contract.address")} value={null} />
          </>
        )}
      </div>
    </div>
  );
}

function SignatureLines({ role, view }: { role: AgreementParty; view: ContractView }) {
  const { t, locale } = useT();
  const party = role === "PAYER" ? view.payer : view.payee;
  const signature = view.version.signatures.find((s) => s.party === role);
  return (
    <div className="contract-signature space-y-2 border-t border-stone-400 pt-3 text-sm">
      <p className="font-semibold">
        {party.organisation
          ? t(`contract.seal.${role}`, { name: party.organisation.name })
          : t(`contract.personSign.${role}`, { name: party.person.name })}
      </p>
      {party.organisation ? <p>{t("contract.representativeSignature")}</p> : null}
      {signature ? (
        <>
          <p>
            {t("contract.signedBy", {
              name: signature.name,
              status: verification(t, signature.verified),
            })}
          </p>
          <p>{t("contract.signedAt", { at: formatDateTime(locale, signature.signedAt) })}</p>
        </>
      ) : (
        <p>{t("contract.unsigned")}</p>
      )}
      <p>{t("contract.dateLine")}</p>
    </div>
  );
}

export function ContractDocument({ view }: { view: ContractView }) {
  const { t } = useT();
  const day = useDay();
  const amount = useAmount();
  const heading = useContractHeading();
  const { terms } = view.version;
  const clauses = contractClauses(terms);
  const milestones = plannedMilestones(terms);
  const total = milestones.reduce((sum, m) => sum + m.amountFen, 0);
  const assumed = (key: (typeof clauses.defaulted)[number]) =>
    clauses.defaulted.includes(key) ? (
      <p className="text-sm text-stone-600">{t("contract.defaulted")}</p>
    ) : null;
  const equity = terms.components.find((c) => c.type === "TECH_EQUITY");
  const revenue = terms.components.find((c) => c.type === "REVENUE_SHARE");
  const firstPosition = (index: number) =>
    plannedMilestones({ ...terms, components: terms.components.slice(0, index) }).length + 1;

  const articles: { title: string; body: ReactNode }[] = [
    {
      title: t("contract.subject"),
      body: terms.components.map((component, index) => (
        <p key={index}>
          {component.type === "TECH_EQUITY"
            ? t("contract.subjectText.equity", { title: terms.title, enterprise: component.enterpriseName })
            : component.type === "REVENUE_SHARE"
              ? t("contract.subjectText.revenue", {
                  title: terms.title,
                  base: t(`agreements.base.${component.base}`),
                })
              : component.type === "GRANT_FUNDED"
                ? t("contract.subjectText.grant", { title: terms.title, programme: component.programmeName })
                : t("contract.subjectText.service", { title: terms.title })}
        </p>
      )),
    },
    {
      title: t("contract.period"),
      body: <p>{t("contract.periodText", { start: day(terms.startDate), end: day(terms.endDate) })}</p>,
    },
    ...terms.components.map((component, index) => ({
      title: t(`contract.componentTitle.${component.type}`),
      body: <ComponentClauses component={component} firstPosition={firstPosition(index)} />,
    })),
    ...(milestones.length > 0
      ? [
          {
            title: t("contract.payment"),
            body: (
              <>
                <p>{t("contract.paymentText", { total: amount(total) })}</p>
                <p>{t("contract.acceptanceText", { days: terms.reviewWindowDays })}</p>
              </>
            ),
          },
        ]
      : []),
    {
      title: t("contract.confidentiality"),
      body: (
        <>
          <p>{t("contract.confidentialityText", { years: clauses.confidentialityYears })}</p>
          {assumed("confidentialityYears")}
        </>
      ),
    },
    {
      title: t("contract.ip"),
      body: (
        <>
          <p>{t("contract.ipBackground")}</p>
          {equity ? <p>{t("contract.ipContributed", { enterprise: equity.enterpriseName })}</p> : null}
          <p>{t(`contract.ipResults.${clauses.resultsIp}`)}</p>
          {assumed("resultsIp")}
          <p>{t("contract.ipImprovements")}</p>
        </>
      ),
    },
    {
      title: t("contract.liability"),
      body: (
        <>
          <p>
            {t("contract.liabilityText", {
              rate: bpToPercentText(clauses.penaltyPerDayBp),
              cap: bpToPercentText(clauses.penaltyCapBp),
            })}
          </p>
          {revenue ? (
            <p>{t("contract.liabilityRevenue", { base: t(`agreements.base.${revenue.base}`) })}</p>
          ) : null}
          <p>{t("contract.liabilityConfidentiality")}</p>
          {assumed("penalty")}
        </>
      ),
    },
    ...(terms.specialTerms
      ? [
          {
            title: t("agreements.field.specialTerms"),
            body: <p className="whitespace-pre-line">{terms.specialTerms}</p>,
          },
        ]
      : []),
    { title: t("contract.changes"), body: <p>{t("contract.changesText")}</p> },
    {
      title: t("contract.disputes"),
      body: (
        <>
          <p>
            {t("contract.disputesText")}
            {clauses.dispute.forum === "ARBITRATION"
              ? t("contract.disputeArbitration", { commission: clauses.dispute.commission })
              : t("contract.disputeCourt", { place: clauses.dispute.place })}
          </p>
          {assumed("dispute")}
        </>
      ),
    },
    {
      title: t("contract.signing"),
      body: (
        <p className="break-all">
          {t("contract.signingText", { version: view.version.version, hash: view.version.termsHash })}
        </p>
      ),
    },
  ];

  return (
    <div className="contract space-y-5">
      <header className="space-y-2 text-center">
        <h1 className="text-2xl font-bold tracking-widest">{heading(terms)}</h1>
        <p className="text-lg">{terms.title}</p>
        <p className="text-sm">{t("contract.number", { number: view.number })}</p>
        {view.version.status !== "SIGNED" ? (
          <p className="text-sm font-semibold text-red-700">
            {t(`contract.notInForce.${view.version.status as "DRAFT"}`)}
          </p>
        ) : null}
      </header>
      <PartyDetails role="PAYER" party={view.payer} />
      <PartyDetails role="PAYEE" party={view.payee} />
      <p className="leading-7">{t("contract.preamble", { title: terms.title })}</p>
      {articles.map((article, index) => (
        <Article key={index} number={index + 1} title={article.title}>
          {article.body}
        </Article>
      ))}
      <p className="text-sm">{t("contract.signaturesBelow")}</p>
      <div className="contract-signatures grid gap-6 pt-2 sm:grid-cols-2 print:grid-cols-2">
        <SignatureLines role="PAYER" view={view} />
        <SignatureLines role="PAYEE" view={view} />
      </div>
    </div>
  );
}
