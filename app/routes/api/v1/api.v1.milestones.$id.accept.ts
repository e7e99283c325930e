import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { acceptMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = acceptMilestoneEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
