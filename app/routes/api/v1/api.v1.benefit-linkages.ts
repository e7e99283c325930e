import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { benefitLinkagesEndpoint } from "~/modules/api/endpoints.server";

export const loader = benefitLinkagesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
