import { applyToNeedEndpoint } from "~/modules/api/endpoints.server";

export const action = applyToNeedEndpoint.handle;
