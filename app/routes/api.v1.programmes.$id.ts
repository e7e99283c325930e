import { getProgrammeEndpoint } from "~/modules/api/endpoints.server";

export const loader = getProgrammeEndpoint.handle;
