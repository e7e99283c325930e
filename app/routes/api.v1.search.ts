import { searchEndpoint } from "~/modules/api/endpoints.server";

export const loader = searchEndpoint.handle;
