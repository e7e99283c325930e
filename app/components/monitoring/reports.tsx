import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

export interface ScheduleSlot {
  period: number;
  dueOn: string | Date;
  filed: boolean;
  daysLate: number;
  filedLateDays: number;
}

/** The report schedule; a late report says so in words and colour, not colour alone. */
export function ReportSchedule({ schedule }: { schedule: readonly ScheduleSlot[] }) {
  const { t, locale } = useT();
  return (
    <ol className="space-y-1">
      {schedule.map((slot) => (
        <li key={slot.period} className={slot.daysLate > 0 ? "font-semibold text-red-800" : undefined}>
          {t("monitoring.periodDue", { period: slot.period, date: formatDate(locale, slot.dueOn) })} ·{" "}
          {slot.filed
            ? slot.filedLateDays > 0
              ? t("monitoring.filedLate", { days: slot.filedLateDays })
              : t("monitoring.filed")
            : slot.daysLate > 0
              ? t("monitoring.overdue", { days: slot.daysLate })
              : t("monitoring.notYetFiled")}
        </li>
      ))}
    </ol>
  );
}

export interface ReportView {
  id: string;
  period: number;
  progress: string;
  planVersion: number;
  submittedAt: string | Date;
  photoIds: string[];
  spending: { id: string; category: string; payeeName: string; payeeKind: string; amountFen: number }[];
}

export function ReportCard({ report, photoUrl }: { report: ReportView; photoUrl: (id: string) => string }) {
  const { t, locale } = useT();
  return (
    <article className="card space-y-2">
      <h3 className="font-semibold">
        {t("monitoring.reportHeading", {
          period: report.period,
          date: formatDate(locale, report.submittedAt),
        })}
      </h3>
      <p className="text-sm text-stone-600">
        {t("monitoring.againstVersion", { version: report.planVersion })}
      </p>
      <p className="whitespace-pre-line">{report.progress}</p>
      {report.spending.length ? (
        <ul className="space-y-1 text-sm">
          {report.spending.map((row) => (
            <li key={row.id}>
              {t(`monitoring.category.${row.category}` as "monitoring.category.OTHER")} · {row.payeeName} (
              {t(`monitoring.payee.${row.payeeKind}` as "monitoring.payee.OTHER")}) ·{" "}
              {formatMoney(locale, row.amountFen)}
            </li>
          ))}
        </ul>
      ) : null}
      <Photos ids={report.photoIds} url={photoUrl} />
    </article>
  );
}

export function Photos({ ids, url }: { ids: readonly string[]; url: (id: string) => string }) {
  const { t } = useT();
  if (!ids.length) return null;
  return (
    <div className="grid grid-cols-3 gap-2">
      {ids.map((id, index) => (
        <a key={id} href={url(id)}>
          <img
            src={`${url(id)}?v=thumb`}
            alt={t("monitoring.photoAlt", { number: index + 1 })}
            className="aspect-square w-full rounded object-cover"
            loading="lazy"
          />
        </a>
      ))}
    </div>
  );
}

/** A flag's rule and evidence in words. */
export function FlagSummary({ rule, evidence }: { rule: string; evidence: unknown }) {
  const { t, locale } = useT();
  const facts = (evidence ?? {}) as Record<string, unknown>;
  const money = (key: string) =>
    typeof facts[key] === "number" ? formatMoney(locale, facts[key] as number) : "";
  const category =
    typeof facts.category === "string"
      ? t(`monitoring.category.${facts.category}` as "monitoring.category.OTHER")
      : "";
  return (
    <p>
      <span className="font-semibold">{t(`monitoring.rule.${rule}` as "monitoring.rule.OVER_LINE")}</span>
      {" — "}
      {t(`monitoring.evidence.${rule}` as "monitoring.evidence.OVER_LINE", {
        category,
        approved: money("approvedFen"),
        spent: money("spentFen"),
        amount: money("amountFen"),
        payee: String(facts.payeeName ?? ""),
        period: String(facts.period ?? ""),
        days: String(facts.daysLate ?? ""),
        due: String(facts.dueOn ?? ""),
        findings: String(facts.findings ?? ""),
      })}
    </p>
  );
}
