import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { ExportCell, ExportTable } from "~/modules/dashboard/dashboard-export.server";
import { currentYear, type DashboardFilters } from "~/modules/dashboard/dashboard.server";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { PLAN_PEOPLE_GROUPS, PLAN_PEOPLE_KEYS, type PlanPeople } from "./plan-people";
import { reportFigures } from "./reports-figures.server";
import { periodOf } from "./reports.periods";

/**
 * The plan's people for the dashboard's filters: the year asked for (this year without one) and
 * the county asked for (the city without one). These figures have no industry: the industry
 * filter leaves them alone, as it does spaces and commissioners.
 */
export async function planPeople(filters: DashboardFilters, now = new Date()): Promise<PlanPeople> {
  const year = filters.year ?? currentYear(now);
  const countyCode = filters.countyCode ?? null;
  const figures = await reportFigures(
    periodOf("YEAR", String(year)),
    countyCode ? { kind: "county", countyCode } : { kind: "city" },
  );
  return {
    year,
    countyCode,
    figures: Object.fromEntries(
      PLAN_PEOPLE_KEYS.map((key) => [key, figures[key] ?? 0]),
    ) as PlanPeople["figures"],
  };
}

/** The plan's people as a sheet of the dashboard's exports: one row per figure under its group. */
export function planPeopleTable(plan: PlanPeople, locale: Locale): ExportTable {
  const t = (key: MessageKey) => translate(locale, key);
  const county = plan.countyCode ? COUNTIES.find((item) => item.code === plan.countyCode) : undefined;
  const place = county ? localName(county, locale) : t("dashboard.plan.city");
  return {
    sheet: t("dashboard.sheet.plan"),
    header: [
      t("dashboard.col.year"),
      t("dashboard.col.county"),
      t("dashboard.plan.col.group"),
      t("dashboard.plan.col.figure"),
      t("dashboard.col.actual"),
    ],
    rows: PLAN_PEOPLE_GROUPS.flatMap((group) =>
      group.keys.map((key): ExportCell[] => [
        plan.year,
        place,
        t(group.title),
        t(`reports.figure.${key}`),
        key.endsWith("Fen") ? { fen: plan.figures[key] } : plan.figures[key],
      ]),
    ),
  };
}
