import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { getAgreementEndpoint } from "~/modules/api/endpoints.server";

export const loader = getAgreementEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
