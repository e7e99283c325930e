import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { publishServiceEndpoint } from "~/modules/api/endpoints.server";

export const loader = methodNotAllowed(["POST"]);
export const action = publishServiceEndpoint.handle;
