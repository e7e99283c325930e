import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { withdrawServiceEndpoint } from "~/modules/api/endpoints.server";

export const loader = methodNotAllowed(["POST"]);
export const action = withdrawServiceEndpoint.handle;
