import { dashboardEndpoint } from "~/modules/api/endpoints.server";

export const loader = dashboardEndpoint.handle;
