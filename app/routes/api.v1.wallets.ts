import { listWalletsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listWalletsEndpoint.handle;
