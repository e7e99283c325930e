import { listApplicationsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listApplicationsEndpoint.handle;
