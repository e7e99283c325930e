import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { statementEndpoint } from "~/modules/api/endpoints.server";

export const loader = statementEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
