import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { getProgrammeEndpoint } from "~/modules/api/endpoints.server";

export const loader = getProgrammeEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
