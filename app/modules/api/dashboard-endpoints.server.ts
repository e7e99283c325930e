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
    summary: "The bureau's figures by year, county and industry (bureau and admin only)",
    query: DashboardFiltersSchema.omit({ map: true }),
    response: s.DashboardSchema,
  },
  async ({ query }) => dashboardFigures(query),
);
