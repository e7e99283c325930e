import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { getOfferEndpoint } from "~/modules/api/endpoints.server";

export const loader = getOfferEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
