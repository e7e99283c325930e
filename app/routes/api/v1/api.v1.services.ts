import { createServiceEndpoint, listServicesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listServicesEndpoint.handle;
export const action = createServiceEndpoint.handle;
