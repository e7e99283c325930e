import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { applyToNeedEndpoint } from "~/modules/api/endpoints.server";

export const action = applyToNeedEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
