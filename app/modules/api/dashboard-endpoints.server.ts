import { scopeCountyFilter } from "~/modules/oversight/county-access";
import { DomainError } from "~/utils/errors";
import { dashboardFigures } from "~/modules/dashboard/dashboard.server";
import { DashboardFiltersSchema } from "~/modules/dashboard/dashboard.schema";
import * as s from "./api.schema";
import { defineEndpoint } from "./endpoint.server";

export const dashboardEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/dashboard",
    tag: "dashboard",
    scope: "dashboard:read",
    permission: "dashboard.read",
    summary: "api.op.getDashboard",
    description: "api.op.getDashboard.detail",
    query: DashboardFiltersSchema.omit({ map: true }),
    response: s.DashboardSchema,
  },
  // The permission check has run, so the actor is there; a county officer gets its county only.
  async ({ query, actor }) => {
    const filters = scopeCountyFilter(actor!, query);
    if (!filters) throw new DomainError("counties.forbidden");
    return dashboardFigures(filters);
  },
);
