import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { getNeedEndpoint } from "~/modules/api/endpoints.server";

export const loader = getNeedEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
