import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listFinancingNeedsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listFinancingNeedsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
