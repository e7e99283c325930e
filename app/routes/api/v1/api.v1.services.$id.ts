import { getServiceEndpoint, updateServiceEndpoint } from "~/modules/api/endpoints.server";

export const loader = getServiceEndpoint.handle;
// Every method but GET reaches the action; the endpoint answers any but PUT with a 405.
export const action = updateServiceEndpoint.handle;
