import { getOfferEndpoint, updateOfferEndpoint } from "~/modules/api/endpoints.server";

export const loader = getOfferEndpoint.handle;
// Every method but GET reaches the action; the endpoint answers any but PUT with a 405.
export const action = updateOfferEndpoint.handle;
