import { getOfferEndpoint } from "~/modules/api/endpoints.server";

export const loader = getOfferEndpoint.handle;
