import { listOffersEndpoint } from "~/modules/api/endpoints.server";

export const loader = listOffersEndpoint.handle;
