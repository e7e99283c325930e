import { applyToProgrammeEndpoint } from "~/modules/api/endpoints.server";

export const action = applyToProgrammeEndpoint.handle;
