import { listProgrammesEndpoint } from "~/modules/api/endpoints.server";

export const loader = listProgrammesEndpoint.handle;
