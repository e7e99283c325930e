import type { ReactNode } from "react";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import type { AgreementParty, AgreementStatus, AgreementVersionStatus } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import {
  bpToPercentText,
  contractClauses,
  type AgreementTerms,
  type ComponentTerms,
  type MilestoneTerms,
} from "~/modules/agreements/terms";

/** Pieces shared by the agreement pages: status, parties, readable terms, signatures. */

const STATUS_TONE: Record<string, string> = {
  DRAFT: "bg-stone-100 text-stone-800",
  PROPOSED: "bg-amber-100 text-amber-900",
  SIGNED: "bg-sky-100 text-sky-900",
  ACTIVE: "bg-brand-100 text-brand-800",
  COMPLETED: "bg-brand-100 text-brand-800",
  TERMINATED: "bg-red-100 text-red-800",
  DISPUTED: "bg-red-100 text-red-800",
  SUPERSEDED: "bg-stone-100 text-stone-700",
  WITHDRAWN: "bg-stone-100 text-stone-700",
};

export function StatusBadge(
  badge:
    { status: AgreementStatus; kind?: "agreement" } | { status: AgreementVersionStatus; kind: "version" },
) {
  const { t } = useT();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[badge.status] ?? ""}`}>
      {badge.kind === "version"
        ? t(`agreements.versionStatus.${badge.status}`)
        : t(`agreements.agreementStatus.${badge.status}`)}
    </span>
  );
}

interface Side {
  user: { id: string; name: string; verified: boolean };
  organisation: { id: string; name: string; verified: boolean } | null;
}

export function PartyName({ side }: { side: Side }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      {side.organisation ? (
        <>
          <span className="font-medium">{side.organisation.name}</span>
          <VerifiedBadge verified={side.organisation.verified} />
          <span className="text-stone-600">·</span>
        </>
      ) : null}
      <span className={side.organisation ? "" : "font-medium"}>{side.user.name}</span>
      <VerifiedBadge verified={side.user.verified} />
    </span>
  );
}

export function Parties({ payer, payee }: { payer: Side; payee: Side }) {
  const { t } = useT();
  return (
    <dl className="grid gap-2 sm:grid-cols-2">
      <div>
        <dt className="text-sm text-stone-600">{t("agreements.party.PAYER")}</dt>
        <dd>
          <PartyName side={payer} />
        </dd>
      </div>
      <div>
        <dt className="text-sm text-stone-600">{t("agreements.party.PAYEE")}</dt>
        <dd>
          <PartyName side={payee} />
        </dd>
      </div>
    </dl>
  );
}

/** A stored day ("2026-05-01") shown in the page's language. */
export function useDay() {
  const { locale } = useT();
  return (day: string | undefined) => (day ? formatDate(locale, `${day}T12:00:00+08:00`) : "—");
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 sm:grid-cols-[9rem_1fr]">
      <dt className="text-stone-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function MilestoneItem({ milestone, position }: { milestone: MilestoneTerms; position: number }) {
  const { t, locale } = useT();
  const day = useDay();
  return (
    <li className="rounded-lg border border-stone-200 p-3">
      <p className="font-medium">
        {t("agreements.milestone.heading", { position, title: milestone.title })} ·{" "}
        {formatMoney(locale, milestone.amountFen)}
      </p>
      <dl className="mt-2 space-y-1 text-sm">
        <Fact label={t("agreements.field.deliverables")}>
          <span className="whitespace-pre-line">{milestone.deliverables}</span>
        </Fact>
        <Fact label={t("agreements.field.acceptanceCriteria")}>
          <span className="whitespace-pre-line">{milestone.acceptanceCriteria}</span>
        </Fact>
        {milestone.dueDate ? (
          <Fact label={t("agreements.field.dueDate")}>{day(milestone.dueDate)}</Fact>
        ) : null}
      </dl>
    </li>
  );
}

/** One component's terms as sentences; `firstPosition` numbers milestones across components. */
export function ComponentView({
  component,
  firstPosition,
}: {
  component: ComponentTerms;
  firstPosition: number;
}) {
  const { t, locale } = useT();
  const day = useDay();
  const money = (fen: number | undefined) => (fen ? formatMoney(locale, fen) : "—");
  const facts: [string, ReactNode][] = [];
  switch (component.type) {
    case "PAID_SERVICE":
      facts.push(
        [
          t("agreements.field.description"),
          <span key="d" className="whitespace-pre-line">
            {component.description}
          </span>,
        ],
        [t("agreements.field.fee"), money(component.feeFen)],
      );
      break;
    case "TECH_CONTRACT":
      facts.push([t("agreements.field.fee"), money(component.feeFen)]);
      break;
    case "TECH_EQUITY":
      facts.push(
        [t("agreements.field.enterpriseName"), component.enterpriseName || "—"],
        [t("agreements.field.valuation"), money(component.valuationFen)],
        [
          t("agreements.field.equityPercent"),
          component.equityBp ? `${bpToPercentText(component.equityBp)}%` : "—",
        ],
        [
          t("agreements.field.vesting"),
          component.vestingMonths === 0
            ? t("agreements.terms.vestedAtOnce", { start: day(component.vestingStart) })
            : t("agreements.terms.vesting", {
                start: day(component.vestingStart),
                months: component.vestingMonths,
                cliff: component.cliffMonths,
              }),
        ],
      );
      break;
    case "REVENUE_SHARE":
      facts.push(
        [
          t("agreements.field.sharePercent"),
          t("agreements.terms.share", {
            base: t(`agreements.base.${component.base}`),
            percent: bpToPercentText(component.shareBp),
          }),
        ],
        [t("agreements.field.settlementPeriod"), t(`agreements.period.${component.period}`)],
        [
          t("agreements.field.revenueTerm"),
          t("agreements.terms.revenueTerm", {
            start: day(component.startDate),
            months: component.termMonths,
          }),
        ],
      );
      if (component.floorFen) facts.push([t("agreements.field.floor"), money(component.floorFen)]);
      if (component.capFen) facts.push([t("agreements.field.cap"), money(component.capFen)]);
      break;
    case "GRANT_FUNDED":
      facts.push(
        [t("agreements.field.programmeName"), component.programmeName || "—"],
        [t("agreements.field.amount"), money(component.amountFen)],
      );
      break;
  }
  return (
    <section className="space-y-3">
      <h3 className="font-semibold text-brand-800">{t(`arrangement.${component.type}`)}</h3>
      <dl className="space-y-1">
        {facts.map(([label, value]) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
      </dl>
      {"milestones" in component ? (
        <ol className="space-y-2">
          {component.milestones.map((milestone, index) => (
            <MilestoneItem key={index} milestone={milestone} position={firstPosition + index} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** The contract's legal clauses as the terms set them, a default named as such. */
function LegalFacts({ terms }: { terms: AgreementTerms }) {
  const { t } = useT();
  const clauses = contractClauses(terms);
  const mark = (key: (typeof clauses.defaulted)[number]) =>
    clauses.defaulted.includes(key) ? ` ${t("agreements.terms.defaulted")}` : "";
  return (
    <>
      <Fact label={t("agreements.field.confidentialityYears")}>
        {t("agreements.terms.years", { years: clauses.confidentialityYears })}
        {mark("confidentialityYears")}
      </Fact>
      <Fact label={t("agreements.field.resultsIp")}>
        {t(`agreements.resultsIp.${clauses.resultsIp}`)}
        {mark("resultsIp")}
      </Fact>
      <Fact label={t("contract.liability")}>
        {t("agreements.terms.penalty", {
          rate: bpToPercentText(clauses.penaltyPerDayBp),
          cap: bpToPercentText(clauses.penaltyCapBp),
        })}
        {mark("penalty")}
      </Fact>
      <Fact label={t("contract.disputes")}>
        {clauses.dispute.forum === "ARBITRATION"
          ? t("agreements.terms.arbitration", { commission: clauses.dispute.commission })
          : t("agreements.terms.court", { place: clauses.dispute.place })}
        {mark("dispute")}
      </Fact>
    </>
  );
}

/** The whole terms of a version, readable. */
export function TermsView({ terms }: { terms: AgreementTerms }) {
  const { t } = useT();
  const day = useDay();
  let position = 1;
  return (
    <div className="space-y-5">
      <dl className="space-y-1">
        <Fact label={t("agreements.field.period")}>
          {t("agreements.terms.period", { start: day(terms.startDate), end: day(terms.endDate) })}
        </Fact>
        <Fact label={t("agreements.field.reviewWindowDays")}>
          {t("agreements.terms.reviewWindow", { days: terms.reviewWindowDays })}
        </Fact>
        <LegalFacts terms={terms} />
      </dl>
      {terms.components.map((component, index) => {
        const first = position;
        if ("milestones" in component) position += component.milestones.length;
        return <ComponentView key={index} component={component} firstPosition={first} />;
      })}
      {terms.specialTerms ? (
        <section>
          <h3 className="font-semibold">{t("agreements.field.specialTerms")}</h3>
          <p className="whitespace-pre-line">{terms.specialTerms}</p>
        </section>
      ) : null}
    </div>
  );
}

export interface SignatureView {
  party: AgreementParty;
  name: string;
  signedAt: Date | string;
  termsHash: string;
}

export function Signatures({ signatures }: { signatures: SignatureView[] }) {
  const { t, locale } = useT();
  if (signatures.length === 0)
    return <p className="text-sm text-stone-600">{t("agreements.signatures.none")}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {signatures.map((signature) => (
        <li key={signature.party}>
          {t("agreements.signatures.line", {
            party: t(`agreements.party.${signature.party}`),
            name: signature.name,
            at: formatDateTime(locale, signature.signedAt),
          })}{" "}
          <code className="break-all text-xs text-stone-600">{signature.termsHash.slice(0, 16)}…</code>
        </li>
      ))}
    </ul>
  );
}
