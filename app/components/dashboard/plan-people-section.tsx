import { formatMoney, formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { PLAN_PEOPLE_GROUPS, type PlanPeople } from "~/modules/reports/plan-people";
import { COUNTIES, localName } from "~/modules/reference/reference";

/** The plan's people on the bureau dashboard: one card per group, the figures as the returns count them. */
export function PlanPeopleSection({ plan }: { plan: PlanPeople }) {
  const { t, locale } = useT();
  const county = plan.countyCode ? COUNTIES.find((item) => item.code === plan.countyCode) : undefined;
  return (
    <section className="space-y-3" aria-labelledby="plan-people-title" data-testid="dashboard-plan-people">
      <h2 id="plan-people-title" className="text-xl font-semibold">
        {t("dashboard.plan.title")}
      </h2>
      <p className="text-sm text-stone-600">
        {t("dashboard.plan.scope", {
          year: plan.year,
          place: county ? localName(county, locale) : t("dashboard.plan.city"),
        })}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {PLAN_PEOPLE_GROUPS.map((group) => (
          <div key={group.title} className="card space-y-2">
            <h3 className="font-semibold">{t(group.title)}</h3>
            <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-sm">
              {group.keys.map((key) => (
                <div key={key} className="contents">
                  <dt>{t(`reports.figure.${key}`)}</dt>
                  <dd className="text-right tabular-nums" data-figure={key}>
                    {key.endsWith("Fen")
                      ? formatMoney(locale, plan.figures[key])
                      : formatNumber(locale, plan.figures[key])}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
