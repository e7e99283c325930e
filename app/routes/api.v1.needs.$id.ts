import { getNeedEndpoint } from "~/modules/api/endpoints.server";

export const loader = getNeedEndpoint.handle;
