import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listVenturesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listVenturesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
