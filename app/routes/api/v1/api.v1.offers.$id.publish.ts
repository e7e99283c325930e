import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { publishOfferEndpoint } from "~/modules/api/endpoints.server";

export const loader = methodNotAllowed(["POST"]);
export const action = publishOfferEndpoint.handle;
