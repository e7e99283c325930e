import { createOfferEndpoint, listOffersEndpoint } from "~/modules/api/endpoints.server";

export const loader = listOffersEndpoint.handle;
export const action = createOfferEndpoint.handle;
