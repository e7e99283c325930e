import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { resolveDisputeEndpoint } from "~/modules/api/endpoints.server";

export const action = resolveDisputeEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
