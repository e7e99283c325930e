import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listDisputesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listDisputesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
