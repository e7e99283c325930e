import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listAgreementsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listAgreementsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
