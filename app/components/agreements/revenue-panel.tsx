import { Form } from "~/components/form";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { RevenuePeriodStatus, RevenueView } from "~/modules/revenue/revenue.schema";

const STATUS_STYLE: Record<RevenuePeriodStatus, string> = {
  upcoming: "bg-stone-100 text-stone-700",
  due: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-900",
  reported: "bg-sky-100 text-sky-900",
  settled: "bg-brand-50 text-brand-800",
};

type Component = RevenueView["components"][number];
type Period = Component["periods"][number];

/**
 * The revenue share of an agreement (收益分成): each period with its status, the report form
 * (with evidence photos) for periods that have ended, and the settle button for reported ones.
 * Forms post to /agreements/:id/revenue as plain form posts, so they work without JavaScript.
 */
export function RevenuePanel({
  agreementId,
  revenue,
  idempotencyKey,
}: {
  agreementId: string;
  revenue: RevenueView | null;
  idempotencyKey: string;
}) {
  const { t } = useT();
  if (!revenue) return null;
  return (
    <section aria-labelledby="revenue-title" className="card space-y-4">
      <h2 id="revenue-title" className="text-lg font-semibold">
        {t("revenue.title")}
      </h2>
      {revenue.components.map((component) => (
        <RevenueComponent
          key={component.index}
          agreementId={agreementId}
          component={component}
          revenue={revenue}
          idempotencyKey={idempotencyKey}
        />
      ))}
    </section>
  );
}

function RevenueComponent({
  agreementId,
  component,
  revenue,
  idempotencyKey,
}: {
  agreementId: string;
  component: Component;
  revenue: RevenueView;
  idempotencyKey: string;
}) {
  const { t, locale } = useT();
  const base = t(`revenue.base.${component.base}`);
  // Past periods and the one running now; the rest of a long term is only counted.
  const firstUpcoming = component.periods.findIndex((period) => period.status === "upcoming");
  const shown = firstUpcoming === -1 ? component.periods : component.periods.slice(0, firstUpcoming + 1);
  const later = component.periods.length - shown.length;
  return (
    <div className="space-y-3">
      <p className="font-medium">
        {t("revenue.terms", {
          base,
          percent: component.shareBp / 100,
          period: t(`revenue.period.${component.period}`),
          start: formatDate(locale, component.startDate),
          months: component.termMonths,
        })}
      </p>
      {component.floorFen !== null || component.capFen !== null ? (
        <p className="text-sm text-stone-700">
          {[
            component.floorFen !== null
              ? t("revenue.floor", { amount: formatMoney(locale, component.floorFen) })
              : null,
            component.capFen !== null
              ? t("revenue.cap", { amount: formatMoney(locale, component.capFen) })
              : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
      <p className="rounded-lg bg-stone-50 px-3 py-2 text-sm text-stone-700">{t("revenue.rule", { base })}</p>
      <ol className="space-y-3">
        {shown.map((period) => (
          <PeriodRow
            key={period.start}
            agreementId={agreementId}
            component={component}
            period={period}
            revenue={revenue}
            idempotencyKey={idempotencyKey}
          />
        ))}
      </ol>
      {later > 0 ? (
        <p className="text-sm text-stone-600">{t("revenue.upcomingMore", { count: later })}</p>
      ) : null}
    </div>
  );
}

function PeriodRow({
  agreementId,
  component,
  period,
  revenue,
  idempotencyKey,
}: {
  agreementId: string;
  component: Component;
  period: Period;
  revenue: RevenueView;
  idempotencyKey: string;
}) {
  const { t, locale } = useT();
  const base = t(`revenue.base.${component.base}`);
  const action = `/agreements/${encodeURIComponent(agreementId)}/revenue`;
  const id = `revenue-${component.index}-${period.start}`;
  const report = period.report;
  return (
    <li className="space-y-2 rounded-lg border border-stone-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {t("revenue.periodRange", {
            start: formatDate(locale, period.start),
            end: formatDate(locale, period.end),
          })}
        </span>
        <span className={`ml-auto rounded-full px-2 py-0.5 text-sm ${STATUS_STYLE[period.status]}`}>
          {t(`revenue.status.${period.status}`)}
        </span>
      </div>
      {report ? null : (
        <p className="text-sm text-stone-600">
          {t("revenue.dueBy", { date: formatDate(locale, period.dueDate) })}
        </p>
      )}
      {report ? (
        <div className="space-y-2 text-sm">
          <p>
            {t("revenue.reportedBase", { base, amount: formatMoney(locale, report.baseFen) })} ·{" "}
            <strong>{t("revenue.shareDue", { amount: formatMoney(locale, report.shareDueFen) })}</strong>
          </p>
          {report.note ? <p className="whitespace-pre-line text-stone-700">{report.note}</p> : null}
          {report.evidence.length ? (
            <ul className="flex flex-wrap gap-2" aria-label={t("revenue.evidence")}>
              {report.evidence.map((file) => (
                <li key={file.id}>
                  <a href={file.url} target="_blank" rel="noreferrer">
                    <img
                      src={file.thumbUrl}
                      alt={t("revenue.evidence")}
                      className="h-16 w-16 rounded object-cover"
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {period.status === "reported" && revenue.canSettle ? (
            <Form method="post" action={action} reloadDocument>
              <input type="hidden" name="intent" value="settle" />
              <input type="hidden" name="reportId" value={report.id} />
              <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
              <button type="submit" className="btn-primary w-full sm:w-auto">
                {report.shareDueFen > 0
                  ? t("revenue.settle.submit", { amount: formatMoney(locale, report.shareDueFen) })
                  : t("revenue.settle.zero")}
              </button>
            </Form>
          ) : null}
          {period.status === "reported" && revenue.settleNeedsFinance && report.shareDueFen > 0 ? (
            <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm">
              {t("wallet.errors.finance_permission_required")}
            </p>
          ) : null}
        </div>
      ) : (period.status === "due" || period.status === "overdue") && revenue.canReport ? (
        // A plain multipart post: photos upload the same with JavaScript on or off.
        <Form
          method="post"
          action={action}
          encType="multipart/form-data"
          reloadDocument
          className="space-y-3"
        >
          <input type="hidden" name="intent" value="report" />
          <input type="hidden" name="component" value={component.index} />
          <input type="hidden" name="periodStart" value={period.start} />
          <label className="block text-sm" htmlFor={`${id}-base`}>
            <span className="font-medium text-stone-800">{t("revenue.report.base", { base })}</span>
            <input
              id={`${id}-base`}
              name="base"
              required
              inputMode="decimal"
              className="input mt-1"
              aria-describedby={`${id}-base-hint`}
            />
            <span id={`${id}-base-hint`} className="mt-1 block text-stone-600">
              {t("revenue.report.baseHint")}
            </span>
          </label>
          <label className="block text-sm">
            <span className="font-medium text-stone-800">{t("revenue.report.note")}</span>
            <textarea name="note" rows={2} maxLength={1000} className="input mt-1" />
          </label>
          <label className="block text-sm" htmlFor={`${id}-evidence`}>
            <span className="font-medium text-stone-800">{t("revenue.report.evidence")}</span>
            <input
              id={`${id}-evidence`}
              name="evidence"
              type="file"
              multiple
              required
              accept="image/jpeg,image/png,image/webp"
              className="mt-1 block w-full"
              aria-describedby={`${id}-evidence-hint`}
            />
            <span id={`${id}-evidence-hint`} className="mt-1 block text-stone-600">
              {t("revenue.report.evidenceHint")}
            </span>
          </label>
          <button type="submit" className="btn-primary w-full sm:w-auto">
            {t("revenue.report.submit")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}
