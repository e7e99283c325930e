import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { withdrawOfferEndpoint } from "~/modules/api/endpoints.server";

export const loader = methodNotAllowed(["POST"]);
export const action = withdrawOfferEndpoint.handle;
