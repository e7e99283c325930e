import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listOffersEndpoint } from "~/modules/api/endpoints.server";

export const loader = listOffersEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
