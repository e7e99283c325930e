import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { dashboardAttachment, dashboardXlsx } from "~/modules/dashboard/dashboard-export.server";
import { parseDashboardFilters } from "~/modules/dashboard/dashboard.schema";
import { dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { planPeople, planPeopleTable } from "~/modules/reports/plan-people.server";
import { requirePermission } from "~/modules/users/guards.server";
import { scopeCountyFilter } from "~/modules/oversight/county-access";

/** /bureau/dashboard.xlsx — the dashboard's tables as an Excel workbook, one sheet each. */
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
  const workbook = await dashboardXlsx(figures, locale, [planPeopleTable(plan, locale)]);
  return new Response(workbook, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": dashboardAttachment(locale, "xlsx"),
      "Cache-Control": "private, no-store",
    },
  });
}
