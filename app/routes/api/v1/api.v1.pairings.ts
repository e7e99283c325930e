import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listPairingsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listPairingsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
