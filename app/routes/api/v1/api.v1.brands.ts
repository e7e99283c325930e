import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listBrandsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listBrandsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
