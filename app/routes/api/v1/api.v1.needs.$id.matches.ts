import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { needMatchesEndpoint } from "~/modules/api/endpoints.server";

export const loader = needMatchesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
