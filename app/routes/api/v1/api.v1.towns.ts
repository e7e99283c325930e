import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listTownsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listTownsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
