import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listWalletsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listWalletsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
