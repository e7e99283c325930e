import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { FactList } from "~/components/fact-list";
import { formatDate, formatMoney } from "~/i18n/format";
import type {
  ApplicantKind,
  OrganisationType,
  ProgrammeApplicationStatus,
  ProgrammeKind,
  ProgrammeStatus,
} from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { PASSING_SCORE } from "~/modules/programmes/programmes.schema";
import { countyName, INDUSTRIES, localName } from "~/modules/reference/reference";
import { Photo } from "~/components/photo";

export interface MoneyFacts {
  budgetFen: number;
  committedFen: number;
  disbursedFen: number;
  remainingFen: number;
  uncommittedFen: number;
}

/** Budget, committed, disbursed, remaining and uncommitted: always shown on programme pages. */
export function MoneySummary({ money }: { money: MoneyFacts }) {
  const { t, locale } = useT();
  return (
    <FactList
      facts={[
        [t("programmes.budget"), formatMoney(locale, money.budgetFen)],
        [t("programmes.committed"), formatMoney(locale, money.committedFen)],
        [t("programmes.disbursed"), formatMoney(locale, money.disbursedFen)],
        [t("programmes.remaining"), formatMoney(locale, money.remainingFen)],
        [t("programmes.uncommitted"), formatMoney(locale, Math.max(0, money.uncommittedFen))],
      ]}
    />
  );
}

export interface CallFacts {
  kind: ProgrammeKind;
  year: number;
  deadline: Date | string;
  maxAwardFen: number | null;
  eligibleCounties: string[];
  eligibleIndustries: string[];
  eligibleOrgTypes: OrganisationType[];
  applicantKinds?: ApplicantKind[];
}

export function industryName(code: string, locale: "zh" | "en") {
  const industry = INDUSTRIES.find((item) => item.code === code);
  return industry ? localName(industry, locale) : code;
}

/** Kind, year, deadline, largest award and eligibility of a call. */
export function CallSummary({ programme }: { programme: CallFacts }) {
  const { t, locale } = useT();
  const list = <T extends string>(values: T[], name: (value: T) => string) =>
    values.length ? values.map(name).join("、") : t("programmes.any");
  return (
    <FactList
      facts={[
        [t("programmes.kindLabel"), t(`programmes.kind.${programme.kind}`)],
        [t("programmes.year"), String(programme.year)],
        [t("programmes.deadline"), formatDate(locale, programme.deadline)],
        [
          t("programmes.maxAward"),
          programme.maxAwardFen === null ? t("programmes.noMax") : formatMoney(locale, programme.maxAwardFen),
        ],
        [
          t("programmes.eligibleCounties"),
          list(programme.eligibleCounties, (code) => countyName(code, locale) ?? code),
        ],
        [
          t("programmes.eligibleIndustries"),
          list(programme.eligibleIndustries, (code) => industryName(code, locale)),
        ],
        [t("programmes.eligibleOrgTypes"), list(programme.eligibleOrgTypes, (type) => t(`orgType.${type}`))],
        [t("applicants.kinds"), list(programme.applicantKinds ?? [], (kind) => t(`applicants.kind.${kind}`))],
      ]}
    />
  );
}

export function ApplicationStatus({ status }: { status: ProgrammeApplicationStatus }) {
  const { t } = useT();
  return (
    <span className="rounded bg-stone-100 px-2 py-0.5 text-sm text-stone-800">
      {t(`programmes.appStatus.${status}`)}
    </span>
  );
}

export interface ProgrammeCardData extends CallFacts {
  id: string;
  title: string;
  status: ProgrammeStatus;
  money: MoneyFacts;
}

export function ProgrammeCard({ programme, href }: { programme: ProgrammeCardData; href: string }) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-1">
      <h3 className="text-lg font-semibold">
        <Link to={href} className="link">
          {programme.title}
        </Link>
      </h3>
      <p className="text-sm text-stone-700">
        {t(`programmes.kind.${programme.kind}`)} · {t(`programmes.status.${programme.status}`)} ·{" "}
        {t("programmes.deadline")} {formatDate(locale, programme.deadline)}
      </p>
      <p className="text-sm">
        {t("programmes.budget")} {formatMoney(locale, programme.money.budgetFen)} ·{" "}
        {t("programmes.remaining")} {formatMoney(locale, programme.money.remainingFen)}
      </p>
    </li>
  );
}

export interface OutcomeData {
  summary: string;
  farmersTrained: number;
  incomeChangeFen: number;
  areaMu: number | null;
  herdSize: number | null;
  yieldKg: number | null;
  jobsCreated: number;
  salesFen: number;
  score: number | null;
  narrative: string | null;
  commended: boolean;
}

/** The completion report's figures and photos, and the evaluation once there is one. */
export function OutcomeFacts({ outcome, evidence }: { outcome: OutcomeData; evidence: string[] }) {
  const { t, locale } = useT();
  return (
    <div className="card space-y-3">
      <h2 className="font-semibold">{t("programmes.report")}</h2>
      <p className="whitespace-pre-line">{outcome.summary}</p>
      <FactList
        facts={[
          [t("programmes.kpi.farmersTrained"), String(outcome.farmersTrained)],
          [t("programmes.kpi.incomeChange"), formatMoney(locale, outcome.incomeChangeFen)],
          [t("programmes.kpi.areaMu"), outcome.areaMu === null ? "" : String(outcome.areaMu)],
          [t("programmes.kpi.herdSize"), outcome.herdSize === null ? "" : String(outcome.herdSize)],
          [t("programmes.kpi.yieldKg"), outcome.yieldKg === null ? "" : String(outcome.yieldKg)],
          [t("programmes.kpi.jobsCreated"), String(outcome.jobsCreated)],
          [t("programmes.kpi.sales"), formatMoney(locale, outcome.salesFen)],
        ]}
      />
      {evidence.length ? (
        <ul className="grid grid-cols-3 gap-2">
          {evidence.map((src) => (
            <li key={src}>
              <a href={src}>
                <Photo
                  src={src}
                  sizes="(min-width: 640px) 12rem, 33vw"
                  alt=""
                  className="aspect-square w-full rounded object-cover"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {outcome.score !== null ? (
        <div className="border-t border-stone-200 pt-2">
          <h3 className="font-semibold">{t("programmes.evaluation")}</h3>
          <p>
            {t("programmes.evaluationResult", {
              score: outcome.score,
              verdict: t(outcome.score >= PASSING_SCORE ? "programmes.pass" : "programmes.fail"),
            })}
          </p>
          {outcome.narrative ? <p className="whitespace-pre-line">{outcome.narrative}</p> : null}
          {outcome.commended ? <p className="text-brand-800">{t("programmes.commendedTitle")}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/** The payments made to an application, with the bureau's payment form under them when given. */
export function Disbursements({
  payments,
  children,
}: {
  payments: { id: string; createdAt: string | Date; amountFen: number }[];
  children?: ReactNode;
}) {
  const { t, locale } = useT();
  return (
    <div className="card space-y-2">
      <h2 className="font-semibold">{t("programmes.disbursements")}</h2>
      {payments.length === 0 ? <p>{t("programmes.noDisbursements")}</p> : null}
      <ul>
        {payments.map((payment) => (
          <li key={payment.id}>
            {formatDate(locale, payment.createdAt)} · {formatMoney(locale, payment.amountFen)}
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}
