import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { createFinancingOfferEndpoint } from "~/modules/api/endpoints.server";

export const action = createFinancingOfferEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
