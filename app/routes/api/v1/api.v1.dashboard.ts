import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { dashboardEndpoint } from "~/modules/api/endpoints.server";

export const loader = dashboardEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
