import { needMatchesEndpoint } from "~/modules/api/endpoints.server";

export const loader = needMatchesEndpoint.handle;
