import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { applyToProgrammeEndpoint } from "~/modules/api/endpoints.server";

export const action = applyToProgrammeEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
