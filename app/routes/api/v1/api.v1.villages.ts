import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listVillagesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listVillagesEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
