import { createNeedEndpoint, listNeedsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listNeedsEndpoint.handle;
export const action = createNeedEndpoint.handle;
