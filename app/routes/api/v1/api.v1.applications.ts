import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listApplicationsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listApplicationsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
