import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listBansEndpoint } from "~/modules/api/endpoints.server";

export const loader = listBansEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
