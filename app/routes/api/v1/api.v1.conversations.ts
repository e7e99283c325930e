import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { listConversationsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listConversationsEndpoint.handle;
export const action = methodNotAllowed(["GET"]);
