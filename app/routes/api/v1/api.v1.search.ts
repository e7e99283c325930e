import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { searchEndpoint } from "~/modules/api/endpoints.server";

export const loader = searchEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
