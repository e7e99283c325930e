import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listProgrammesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listProgrammesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
