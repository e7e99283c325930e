import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { dashboardAttachment, dashboardCsv } from "~/modules/dashboard/dashboard-export.server";
import { parseDashboardFilters } from "~/modules/dashboard/dashboard.schema";
import { dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { planPeople, planPeopleTable } from "~/modules/reports/plan-people.server";
import { requirePermission } from "~/modules/users/guards.server";
import { scopeCountyFilter } from "~/modules/oversight/county-access";

/** /bureau/dashboard.csv — the dashboard's tables (same filters as /bureau/dashboard) for Excel or WPS. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const { map: _map, ...asked } = parseDashboardFilters(new URL(request.url).searchParams);
  const filters = scopeCountyFilter(user, asked);
  if (!filters) throw new Response("Forbidden", { status: 403 });
  const [figures, plan, locale] = await Promise.all([
    dashboardFigures(filters),
    planPeople(filters),
    getLocale(request),
  ]);
  return new Response(dashboardCsv(figures, locale, [planPeopleTable(plan, locale)]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": dashboardAttachment(locale, "csv"),
      "Cache-Control": "private, no-store",
    },
  });
}
